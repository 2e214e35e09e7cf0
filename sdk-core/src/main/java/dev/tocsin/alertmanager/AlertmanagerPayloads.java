package dev.tocsin.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.Action;
import dev.tocsin.Alert;
import dev.tocsin.Link;
import dev.tocsin.internal.Text;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Maps an {@link Alert} onto Alertmanager's postable alert: labels for identity, annotations for text. */
final class AlertmanagerPayloads {
    static final int MAX_VALUE = 1024;
    static final int MAX_DESCRIPTION = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration interval;
    private final URI generator;

    AlertmanagerPayloads(Duration interval, URI generator) {
        this.interval = interval;
        this.generator = generator;
    }

    byte[] encode(Alert a, Instant now) {
        ArrayNode batch = JSON.createArrayNode();
        ObjectNode alert = batch.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", labelValue(a.type() != null && !a.type().isBlank() ? a.type() : "TocsinAlert"));
        labels.put("dedup_key", labelValue(a.dedupKey()));
        putLabel(labels, "severity", a.severity() == null ? null : a.severity().wireName());
        putLabel(labels, "service", a.source());
        putLabel(labels, "component", a.component());
        putLabel(labels, "group", a.group());
        ObjectNode annotations = alert.putObject("annotations");
        putLabel(annotations, "summary", a.summary());
        String description = describe(a.details());
        if (!description.isEmpty()) {
            annotations.put("description", Text.block(description, MAX_DESCRIPTION));
        }
        String runbook = runbook(a);
        if (runbook != null) {
            annotations.put("runbook_url", runbook);
        }
        Instant startsAt = a.timestamp() == null || a.timestamp().isAfter(now) ? now : a.timestamp();
        Instant endsAt = a.action() == Action.RESOLVE ? now : now.plus(interval.multipliedBy(4));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", (endsAt.isBefore(startsAt) ? startsAt : endsAt).toString());
        if (generator != null) {
            alert.put("generatorURL", generator.toString());
        }
        try {
            return JSON.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode an alert as JSON", e);
        }
    }

    private static void putLabel(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, labelValue(value));
        }
    }

    /** Label values are any UTF-8 text; control characters and over-long values are not welcome. */
    static String labelValue(String value) {
        return Text.line(value, MAX_VALUE);
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
