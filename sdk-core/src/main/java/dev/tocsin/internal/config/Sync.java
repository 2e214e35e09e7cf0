package dev.tocsin.internal.config;

/** When the spool forces its writes to the device: the engine's copy of the public
 * {@code SyncPolicy}, which {@code Tocsin.Builder.spoolSync} maps onto it. */
public enum Sync {
    /** Before an event counts as persisted. */
    EVERY_EVENT,
    /** Once per batch the dispatch thread writes. */
    GROUP_COMMIT,
    /** Never; the operating system decides. */
    NONE;
}
