package dev.tocsin.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the inbox answers a request, for fault injection: {@link #normally() as the real service would} (the
 * default), or a status, headers, a body, a delay, or a network fault instead of an answer. Immutable; each
 * {@code with...} returns a changed copy. Set with {@link IncidentInbox#answer(Endpoint, Answer...)}.
 *
 * <pre>{@code
 * inbox.answer(Endpoint.EVENTS, Answer.status(503), Answer.status(429).withRetryAfter("2"), Answer.normally());
 * }</pre>
 */
public final class Answer {
    enum Kind { NORMALLY, STATUS, RESET, HANG_UP, GARBAGE, MALFORMED_CHUNK }

    private final Kind kind;
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final Duration delay;

    private Answer(Kind kind, int status, Map<String, String> headers, String body, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.delay = delay;
    }

    /**
     * As the real service: the request is validated, answered 202 (Events API) or 200 (Alertmanager) and changes the
     * incidents, or answered 400 with the service's {@code errors[]}, or 429 past a {@link
     * IncidentInbox.Builder#rateLimit rate limit}.
     */
    public static Answer normally() {
        return new Answer(Kind.NORMALLY, 0, Map.of(), null, Duration.ZERO);
    }

    /**
     * This status, without touching the incidents; the body is the service's own for that status (PagerDuty's
     * {@code {"status":"throttle event",...}} for 429, say) unless {@link #withBody} says otherwise.
     */
    public static Answer status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("tocsin testkit: an HTTP status is 100 to 599, not " + status);
        }
        return new Answer(Kind.STATUS, status, Map.of(), null, Duration.ZERO);
    }

    /** No answer but a TCP reset: the client reads "connection reset". */
    public static Answer connectionReset() {
        return new Answer(Kind.RESET, 0, Map.of(), null, Duration.ZERO);
    }

    /** No answer: the connection closes without a byte. */
    public static Answer hangUp() {
        return new Answer(Kind.HANG_UP, 0, Map.of(), null, Duration.ZERO);
    }

    /** Bytes that are not HTTP, then the connection closes. */
    public static Answer garbage() {
        return new Answer(Kind.GARBAGE, 0, Map.of(), null, Duration.ZERO);
    }

    /** A 200 whose chunked body breaks off in a malformed chunk, then the connection closes. */
    public static Answer malformedChunk() {
        return new Answer(Kind.MALFORMED_CHUNK, 0, Map.of(), null, Duration.ZERO);
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Answer(kind, status, h, body, delay);
    }

    /** A {@code Retry-After} header: seconds, or an HTTP date. */
    public Answer withRetryAfter(String value) {
        return withHeader("Retry-After", value);
    }

    public Answer withBody(String text) {
        return new Answer(kind, status, headers, Objects.requireNonNull(text, "text"), delay);
    }

    /** Answers (or faults) only after {@code delay}, at most a minute: a slow service, or one a client times out on. */
    public Answer delayedBy(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("tocsin testkit: a delay is 0 to 1 minute, not " + delay);
        }
        return new Answer(kind, status, headers, body, delay);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    String body() {
        return body;
    }

    Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case NORMALLY -> "normally";
            case STATUS -> "HTTP " + status;
            case RESET -> "connection reset";
            case HANG_UP -> "hang up";
            case GARBAGE -> "garbage";
            case MALFORMED_CHUNK -> "malformed chunk";
        };
        return delay.isZero() ? what : what + " after " + delay;
    }
}
