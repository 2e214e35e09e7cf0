package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Alertmanager 0.25 refuses ({@code shared/contracts}): a body that is not a list of alerts, an alert without
 * {@code labels}, a {@code generatorURL} that is not a URI or a time that is not RFC 3339 are answered 422 and nothing
 * is stored; an alert with no labels, a label name Prometheus does not allow, or {@code endsAt} before
 * {@code startsAt} is answered 400, and the valid alerts of the same batch are stored all the same.
 */
final class AlertmanagerRules {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private AlertmanagerRules() {
    }

    /** Why the whole batch is refused with 422, or {@code null}. */
    static String unprocessable(JsonNode body) {
        if (body == null) {
            return "the body is not JSON";
        }
        if (!body.isArray()) {
            return "the body must be a list of alerts";
        }
        int i = 0;
        for (JsonNode alert : body) {
            String at = "alert " + i++ + ": ";
            if (!alert.isObject()) {
                return at + "not an object";
            }
            JsonNode labels = alert.get("labels");
            if (labels == null || labels.isNull()) {
                return at + "labels in body is required";
            }
            if (!labels.isObject() || !strings(labels)) {
                return at + "labels must be an object of strings";
            }
            JsonNode annotations = alert.get("annotations");
            if (annotations != null && !annotations.isNull() && (!annotations.isObject() || !strings(annotations))) {
                return at + "annotations must be an object of strings";
            }
            for (String field : List.of("startsAt", "endsAt")) {
                JsonNode t = alert.get(field);
                if (t != null && !t.isNull() && (!t.isTextual() || !PagerDutyRules.dateTime(t.asText()))) {
                    return at + field + " in body must be of type date-time: " + PagerDutyRules.abbreviate(t.toString());
                }
            }
            JsonNode generator = alert.get("generatorURL");
            if (generator != null && !generator.isNull()
                    && (!generator.isTextual() || !PagerDutyRules.isUrl(generator.asText()))) {
                return at + "generatorURL in body must be of type uri: " + PagerDutyRules.abbreviate(generator.toString());
            }
        }
        return null;
    }

    private static boolean strings(JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            if (!it.next().getValue().isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Why one alert of an accepted batch is refused (400), or an empty list. */
    static List<String> invalid(JsonNode alert) {
        List<String> errors = new ArrayList<>();
        JsonNode labels = alert.get("labels");
        if (labels.isEmpty()) {
            errors.add("at least one label pair required");
        }
        labels.fieldNames().forEachRemaining(name -> {
            if (!LABEL_NAME.matcher(name).matches()) {
                errors.add("invalid label name \"" + PagerDutyRules.abbreviate(name) + "\"");
            }
        });
        Instant starts = time(alert, "startsAt");
        Instant ends = time(alert, "endsAt");
        if (starts != null && ends != null && ends.isBefore(starts)) {
            errors.add("start time must be before end time");
        }
        return errors;
    }

    static Instant time(JsonNode alert, String field) {
        JsonNode t = alert.get(field);
        return t == null || t.isNull() ? null : OffsetDateTime.parse(t.asText()).toInstant();
    }
}
