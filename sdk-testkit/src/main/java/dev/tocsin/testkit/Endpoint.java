package dev.tocsin.testkit;

/** The services the inbox fakes, each at the path the real one uses. */
public enum Endpoint {
    /** PagerDuty Events API v2 alerts: trigger, acknowledge, resolve. */
    EVENTS("/v2/enqueue"),
    /** PagerDuty Events API v2 change events. */
    CHANGE_EVENTS("/v2/change/enqueue"),
    /** Alertmanager API v2 alerts ({@code POST} to send, {@code GET} to look up). */
    ALERTMANAGER("/api/v2/alerts");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path, such as {@code /v2/enqueue}. */
    public String path() {
        return path;
    }

    static Endpoint of(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
        }
        return null;
    }
}
