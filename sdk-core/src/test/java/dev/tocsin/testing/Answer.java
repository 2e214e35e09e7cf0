package dev.tocsin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link FakeEventsApi} answers a request: a status, headers, a body, a delay, or a WireMock {@link Fault} instead of
 * an answer. Immutable; each {@code with...} returns a changed copy.
 */
public final class Answer {
    private final int status;
    private final Map<String, String> headers;
    private final String body;
    private final Duration delay;
    private final Fault fault;

    private Answer(int status, Map<String, String> headers, String body, Duration delay, Fault fault) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
        this.delay = delay;
        this.fault = fault;
    }

    /** PagerDuty's answer to an event it took: 202, {@code {"status":"success",...,"dedup_key":"k"}}. */
    public static Answer accepted() {
        return status(202).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}");
    }

    /** This status, with no body. */
    public static Answer status(int status) {
        return new Answer(status, Map.of(), null, Duration.ZERO, null);
    }

    /** No HTTP answer but a network fault: a reset connection, garbage, an empty response... */
    public static Answer fault(Fault fault) {
        return new Answer(200, Map.of(), null, Duration.ZERO, Objects.requireNonNull(fault, "fault"));
    }

    public Answer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Answer(status, h, body, delay, fault);
    }

    /** A {@code Retry-After} header: seconds, or an HTTP date. */
    public Answer withRetryAfter(String value) {
        return withHeader("Retry-After", value);
    }

    public Answer withBody(String text) {
        return new Answer(status, headers, text, delay, fault);
    }

    /** Answers only after {@code delay}, without holding one of the server's threads meanwhile. */
    public Answer delayedBy(Duration delay) {
        return new Answer(status, headers, body, Objects.requireNonNull(delay, "delay"), fault);
    }

    ResponseDefinitionBuilder response() {
        ResponseDefinitionBuilder r = aResponse();
        if (fault != null) {
            r.withFault(fault);
        } else {
            r.withStatus(status);
            headers.forEach(r::withHeader);
            if (body != null) {
                r.withBody(body);
            }
        }
        if (!delay.isZero()) {
            r.withFixedDelay(Math.toIntExact(delay.toMillis()));
        }
        return r;
    }

    @Override
    public String toString() {
        return fault != null ? "fault " + fault : "HTTP " + status + (delay.isZero() ? "" : " after " + delay);
    }
}
