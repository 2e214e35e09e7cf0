package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the inbox received, with how it answered. Immutable.
 *
 * @param method {@code POST}, {@code GET}...
 * @param target the path and query, such as {@code /v2/enqueue}
 * @param endpoint the service it was sent to, or {@code null} for any other path
 * @param headers its headers, the names in any case
 * @param body its body
 * @param receivedAt when it arrived, by the inbox's clock
 * @param status the status it was answered with; 0 for a network fault instead of an answer
 * @param answer how it was answered: {@code normally}, or the fault injected
 * @param errors what the inbox found wrong with it, as the service would say it; empty for a valid request
 */
public record ReceivedRequest(String method, String target, Endpoint endpoint, Map<String, String> headers,
        byte[] body, Instant receivedAt, int status, String answer, List<String> errors) {

    public ReceivedRequest {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The path, without the query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The value of a header, the name in any case, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body, parsed; an {@link AssertionError} if it is not JSON. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + bodyText(), e);
        }
    }

    /** Whether the inbox found nothing wrong with it. */
    public boolean valid() {
        return errors.isEmpty();
    }

    @Override
    public String toString() {
        String text = Redaction.redact(bodyText());
        return method + " " + target + " -> " + (status == 0 ? answer : status) + (errors.isEmpty() ? "" : " " + errors)
                + ": " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
    }
}
