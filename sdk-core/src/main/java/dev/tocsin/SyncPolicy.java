package dev.tocsin;

/** When the disk spool forces what it wrote to the device, trading accept rate for crash safety. */
public enum SyncPolicy {
    /** fsync after every event: an accepted event survives a power cut. The default when the spool is on. */
    EVERY_EVENT,
    /** fsync once per batch the dispatch thread takes, within a few milliseconds: a power cut may lose that batch. */
    GROUP_COMMIT,
    /** Never fsync; the operating system writes when it likes: survives a process crash, not a power cut. */
    NONE
}
