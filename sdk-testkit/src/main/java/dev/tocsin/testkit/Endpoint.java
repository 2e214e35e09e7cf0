package dev.tocsin.testkit;

/** The services the inbox fakes, each at the path the real one uses. */
public enum Endpoint {
    /** PagerDuty Events API v2 alerts: trigger, acknowledge, resolve. */
    EVENTS("/v2/enqueue"),
    /** PagerDuty Events API v2 change events. */
    CHANGE_EVENTS("/v2/change/enqueue"),
    /** Alertmanager API v2 alerts: {@code POST} to send. */
    ALERTMANAGER("/api/v2/alerts"),
    /** Alertmanager API v2 alerts: {@code GET} to look up the firing alerts that match {@code filter} matchers. */
    ALERTMANAGER_LOOKUP("/api/v2/alerts"),
    /**
     * A dead-man's switch in the healthchecks.io shape, every path under {@code /ping/}: {@code /ping/<check>} a
     * success, {@code /start}, {@code /fail}, {@code /log} or an exit code after it; any method, answered 200 {@code OK}.
     */
    HEARTBEAT("/ping/"),
    /** A webhook receiver, every path under {@code /hooks/}: any request, answered 200 with no body. */
    WEBHOOK("/hooks/");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    /** The path, such as {@code /v2/enqueue}. */
    public String path() {
        return path;
    }

    static Endpoint of(String method, String path) {
        if (path.equals(ALERTMANAGER.path)) {
            return method.equals("GET") ? ALERTMANAGER_LOOKUP : ALERTMANAGER;
        }
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
        }
        for (Endpoint e : new Endpoint[] {HEARTBEAT, WEBHOOK}) {
            if (path.startsWith(e.path) && path.length() > e.path.length()) {
                return e;
            }
        }
        return null;
    }
}
