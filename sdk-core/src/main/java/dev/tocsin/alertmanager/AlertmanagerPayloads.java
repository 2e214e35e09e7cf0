package dev.tocsin.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Link;
import dev.tocsin.internal.text.Json;
import dev.tocsin.internal.text.Text;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps an {@link Alert} onto Alertmanager's postable alert: labels for identity ({@link AlertLabels}), annotations
 * for text, and the times, which are made again as of each send ({@link #asOf}).
 *
 * <p>A firing alert spans time: {@code startsAt} before {@code endsAt} = send time + 4 × the re-send interval. A
 * resolve spans none: {@code startsAt} = {@code endsAt} = when it was resolved. That is how a body read back from
 * the spool tells which it is; Alertmanager keeps the earliest {@code startsAt} of the alert it resolves.
 */
final class AlertmanagerPayloads {
    static final int MAX_VALUE = 1024;
    static final int MAX_DESCRIPTION = 8 * 1024;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Duration interval;
    private final URI generator;
    private final AlertLabels labels;

    AlertmanagerPayloads(Duration interval, URI generator, AlertLabels labels) {
        this.interval = interval;
        this.generator = generator;
        this.labels = labels;
    }

    AlertLabels labels() {
        return labels;
    }

    byte[] encode(Alert a, Instant now) {
        ArrayNode batch = JSON.createArrayNode();
        ObjectNode alert = batch.addObject();
        ObjectNode labelSet = alert.putObject("labels");
        labels.of(a).forEach(labelSet::put);
        ObjectNode annotations = alert.putObject("annotations");
        if (a.summary() != null && !a.summary().isBlank()) {
            annotations.put("summary", AlertLabels.value(a.summary()));
        }
        String description = describe(a.details());
        if (!description.isEmpty()) {
            annotations.put("description", Text.block(description, MAX_DESCRIPTION));
        }
        String runbook = runbook(a);
        if (runbook != null) {
            annotations.put("runbook_url", runbook);
        }
        if (a.action() == Action.RESOLVE) {
            alert.put("startsAt", now.toString());
            alert.put("endsAt", now.toString());
        } else {
            Instant startsAt = a.timestamp() == null || a.timestamp().isAfter(now) ? now : a.timestamp();
            alert.put("startsAt", startsAt.toString());
            alert.put("endsAt", now.plus(interval.multipliedBy(4)).toString());
        }
        if (generator != null) {
            alert.put("generatorURL", generator.toString());
        }
        return write(batch);
    }

    /** A body this destination made, or {@code null} if it is not one (then it is sent as it is). */
    static ArrayNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (!(node instanceof ArrayNode batch) || batch.isEmpty()) {
                return null;
            }
            for (JsonNode alert : batch) {
                if (!(alert instanceof ObjectNode) || time(alert, "startsAt") == null || time(alert, "endsAt") == null) {
                    return null;
                }
            }
            return batch;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the first alert of a body {@link #read} is a resolve: it spans no time. */
    static boolean isResolve(ArrayNode batch) {
        JsonNode first = batch.get(0);
        return time(first, "startsAt").equals(time(first, "endsAt"));
    }

    /**
     * The body as of the send time {@code now}: a firing alert ends 4 intervals from now (and starts no later than
     * now); a resolve ends when it was resolved, or now if that is still ahead. {@code found} are alerts a peer holds
     * that the resolve also ends (see {@link AlertmanagerPeer}): each becomes a resolve of its own, in its label set
     * and with its annotations, which also replace the resolve's own when their labels are the same and it has none.
     */
    byte[] asOf(ArrayNode stored, Instant now, List<JsonNode> found) {
        ArrayNode batch = stored.deepCopy();
        Instant resolvedAt = now;
        for (JsonNode node : batch) {
            ObjectNode alert = (ObjectNode) node;
            Instant startsAt = time(alert, "startsAt");
            Instant endsAt = time(alert, "endsAt");
            if (startsAt.equals(endsAt)) {
                resolvedAt = endsAt.isAfter(now) ? now : endsAt;
                alert.put("startsAt", resolvedAt.toString());
                alert.put("endsAt", resolvedAt.toString());
            } else {
                alert.put("startsAt", (startsAt.isAfter(now) ? now : startsAt).toString());
                alert.put("endsAt", now.plus(interval.multipliedBy(4)).toString());
            }
        }
        for (JsonNode held : found) {
            resolve(batch, held, resolvedAt);
        }
        return write(batch);
    }

    private static void resolve(ArrayNode batch, JsonNode held, Instant at) {
        JsonNode heldLabels = held.path("labels");
        if (!(heldLabels instanceof ObjectNode) || heldLabels.isEmpty()) {
            return;
        }
        for (JsonNode mine : batch) {
            if (mine.path("labels").equals(heldLabels)) {
                if (mine.path("annotations").isEmpty() && held.path("annotations") instanceof ObjectNode a) {
                    ((ObjectNode) mine).set("annotations", a.deepCopy());
                }
                return;
            }
        }
        ObjectNode alert = batch.addObject();
        alert.set("labels", heldLabels.deepCopy());
        alert.set("annotations", held.path("annotations") instanceof ObjectNode a ? a.deepCopy()
                : JSON.createObjectNode());
        alert.put("startsAt", at.toString());
        alert.put("endsAt", at.toString());
        String generatorUrl = held.path("generatorURL").asText("");
        if (!generatorUrl.isEmpty()) {
            alert.put("generatorURL", generatorUrl);
        }
    }

    /** The labels of the first alert of a body {@link #read}. */
    static Map<String, String> labelsOf(ArrayNode batch) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        batch.get(0).path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Instant time(JsonNode alert, String field) {
        JsonNode value = alert.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static byte[] write(ArrayNode batch) {
        try {
            return JSON.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode an alert as JSON", e);
        }
    }

    private static String describe(Map<String, Object> details) {
        StringBuilder out = new StringBuilder();
        details.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        return out.toString().strip();
    }

    private static String runbook(Alert a) {
        for (Link link : a.links()) {
            if (link.text() != null && link.text().toLowerCase(Locale.ROOT).contains("runbook")) {
                return link.href();
            }
        }
        return a.links().isEmpty() ? null : a.links().get(0).href();
    }
}
