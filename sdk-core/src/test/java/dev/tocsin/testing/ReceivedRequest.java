package dev.tocsin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One request {@link FakeEventsApi} received, with the status it was answered with. Immutable. */
public final class ReceivedRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String url;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Instant receivedAt;
    private final int status;

    ReceivedRequest(ServeEvent event) {
        LoggedRequest r = event.getRequest();
        method = r.getMethod().getName();
        url = r.getUrl();
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : r.getHeaders().all()) {
            h.put(header.key(), List.copyOf(header.values()));
        }
        headers = Collections.unmodifiableMap(h);
        body = r.getBody() == null ? new byte[0] : r.getBody().clone();
        receivedAt = r.getLoggedDate().toInstant();
        status = event.getResponse() == null ? 0 : event.getResponse().getStatus();
    }

    /** {@code POST}, {@code GET}... */
    public String method() {
        return method;
    }

    /** The path and query, such as {@code /v2/enqueue}. */
    public String url() {
        return url;
    }

    /** The path, without the query. */
    public String path() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The first value of the header, the name in any case; {@code null} if absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every header, the names in any case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body, parsed; an {@link AssertionError} if it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + bodyText(), e);
        }
    }

    /** When the server logged it, to the millisecond. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The status it was answered with, as WireMock logged it. */
    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return method + " " + url + " -> " + status + ": " + bodyText();
    }
}
