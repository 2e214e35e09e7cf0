package dev.tocsin.event;

/** How bad the state an alert describes is; the four levels PagerDuty and most receivers understand. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO;

    /** The lower-case wire form: {@code critical}, {@code error}, {@code warning}, {@code info}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
