package dev.tocsin.event;

/** What an {@link Alert} asks the destination to do with the incident its dedup key names. */
public enum Action {
    /** Open an incident, or add an occurrence to the open one. */
    TRIGGER,
    /** Tell the destination a person is working on it; stops escalation, keeps the incident open. */
    ACKNOWLEDGE,
    /** Close the incident. A later trigger with the same key opens a new one. */
    RESOLVE
}
