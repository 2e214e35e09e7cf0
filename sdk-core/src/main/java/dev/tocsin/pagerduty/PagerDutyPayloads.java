package dev.tocsin.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.internal.text.Json;
import dev.tocsin.internal.text.Text;
import java.util.List;
import java.util.Locale;

/** Maps events onto the Events API v2 wire format and keeps each request within PagerDuty's limits. */
final class PagerDutyPayloads {
    /** PagerDuty's limit is 512 KB per request; keep a margin for the envelope. */
    static final int MAX_BYTES = 512 * 1024 - 1024;
    static final int MAX_DETAIL_TEXT_WHEN_SHRUNK = 1024;
    static final int MAX_LINKS = 50;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final String routingKey;
    private final String client;
    private final String clientUrl;

    PagerDutyPayloads(String routingKey, String client, String clientUrl) {
        this.routingKey = routingKey;
        this.client = client;
        this.clientUrl = clientUrl;
    }

    byte[] alert(Alert a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", a.action().name().toLowerCase(Locale.ROOT));
        root.put("dedup_key", a.dedupKey());
        if (a.action() != Action.TRIGGER) {
            return write(root);
        }
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", a.summary());
        payload.put("source", a.source());
        payload.put("severity", a.severity().wireName());
        payload.put("timestamp", a.timestamp().toString());
        putIfPresent(payload, "component", a.component());
        putIfPresent(payload, "group", a.group());
        putIfPresent(payload, "class", a.type());
        if (!a.details().isEmpty()) {
            payload.set("custom_details", JSON.valueToTree(a.details()));
        }
        putIfPresent(root, "client", client);
        putIfPresent(root, "client_url", clientUrl);
        links(root, a.links());
        images(root, a.images());
        return fit(root, payload);
    }

    byte[] change(ChangeEvent e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("routing_key", routingKey);
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", e.summary());
        payload.put("source", e.source());
        payload.put("timestamp", e.timestamp().toString());
        if (!e.details().isEmpty()) {
            payload.set("custom_details", JSON.valueToTree(e.details()));
        }
        links(root, e.links());
        return fit(root, payload);
    }

    /** Shrinks a request over the size limit: detail texts first, then the details, then links and images. */
    private static byte[] fit(ObjectNode root, ObjectNode payload) {
        byte[] body = write(root);
        if (body.length <= MAX_BYTES) {
            return body;
        }
        JsonNode details = payload.get("custom_details");
        if (details != null) {
            payload.set("custom_details", shrink(details));
            body = write(root);
            if (body.length <= MAX_BYTES) {
                return body;
            }
            payload.putObject("custom_details").put("tocsin_truncated",
                    "details removed: the event exceeded PagerDuty's 512 KB limit");
            body = write(root);
        }
        if (body.length > MAX_BYTES) {
            root.remove(List.of("links", "images"));
            body = write(root);
        }
        return body;
    }

    private static JsonNode shrink(JsonNode node) {
        if (node.isTextual() && node.textValue().length() > MAX_DETAIL_TEXT_WHEN_SHRUNK) {
            return JSON.getNodeFactory().textNode(Text.line(node.textValue(), MAX_DETAIL_TEXT_WHEN_SHRUNK));
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), shrink(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(item -> out.add(shrink(item)));
            return out;
        }
        return node;
    }

    private static void links(ObjectNode root, List<Link> links) {
        ArrayNode out = JSON.createArrayNode();
        for (Link link : links) {
            if (out.size() < MAX_LINKS && isWebUrl(link.href(), false)) {
                ObjectNode n = out.addObject().put("href", Text.line(link.href(), 2048));
                putIfPresent(n, "text", Text.line(link.text(), 1024));
            }
        }
        if (!out.isEmpty()) {
            root.set("links", out);
        }
    }

    /** PagerDuty requires image sources served over HTTPS; others are dropped. */
    private static void images(ObjectNode root, List<Image> images) {
        ArrayNode out = JSON.createArrayNode();
        for (Image image : images) {
            if (out.size() < MAX_LINKS && isWebUrl(image.src(), true)) {
                ObjectNode n = out.addObject().put("src", Text.line(image.src(), 2048));
                if (image.href() != null && isWebUrl(image.href(), false)) {
                    n.put("href", Text.line(image.href(), 2048));
                }
                putIfPresent(n, "alt", Text.line(image.alt(), 1024));
            }
        }
        if (!out.isEmpty()) {
            root.set("images", out);
        }
    }

    private static boolean isWebUrl(String url, boolean httpsOnly) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || !httpsOnly && u.startsWith("http://");
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static byte[] write(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode an event as JSON", e);
        }
    }

    /** The reason in a refusal: the {@code errors} and {@code message} of a 400, or the raw start of the body. */
    static String errors(String body) {
        if (body == null || body.isBlank()) {
            return "(empty response body)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                StringBuilder out = new StringBuilder();
                if (node.path("message").isTextual()) {
                    out.append(node.get("message").textValue());
                }
                if (node.path("errors").isArray()) {
                    out.append(out.length() > 0 ? ": " : "");
                    int i = 0;
                    for (JsonNode e : node.get("errors")) {
                        out.append(i++ > 0 ? "; " : "").append(e.isTextual() ? e.textValue() : e.toString());
                    }
                }
                if (out.length() > 0) {
                    return out.toString();
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through to the raw text
        }
        return body;
    }
}
