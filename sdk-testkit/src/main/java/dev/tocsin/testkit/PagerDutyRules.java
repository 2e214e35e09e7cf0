package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Events API v2 refuses with 400: PagerDuty's published schema ({@code shared/contracts}) and the limits it
 * leaves out (routing keys of 32 letters and digits, dedup keys to 255 characters, summaries to 1024, HTTPS images,
 * 512 KB a request, no images on change events). Each error reads as PagerDuty's {@code errors[]} do.
 *
 * <p>Never looser than the schema ({@code PagerDutyRulesSchemaTest} checks it over generated bodies): a field the
 * schema types is refused as {@code null} too, a payload is checked on every action that sends one, and a timestamp is
 * an RFC 3339 date-time (seconds included, an offset of {@code Z} or {@code ±hh:mm}, not {@code -00:00}).
 */
final class PagerDutyRules {
    static final int MAX_REQUEST = 512 * 1024;
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private PagerDutyRules() {
    }

    /** The errors of an alert request (trigger, acknowledge, resolve); empty if PagerDuty would take it. */
    static List<String> alert(byte[] raw, JsonNode body) {
        List<String> errors = common(raw, body);
        if (body == null || !body.isObject()) {
            return errors;
        }
        JsonNode action = body.get("event_action");
        if (action == null) {
            errors.add("'event_action' is missing");
        } else if (!action.isTextual() || !ACTIONS.contains(action.asText())) {
            errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        }
        boolean trigger = action != null && "trigger".equals(action.asText());
        JsonNode dedup = body.get("dedup_key");
        if (dedup == null) {
            if (action != null && !trigger) {
                errors.add("'dedup_key' is required for " + action.asText());
            }
        } else if (!dedup.isTextual()) {
            errors.add("'dedup_key' must be a string");
        } else if (dedup.asText().length() > 255) {
            errors.add("'dedup_key' is longer than 255 characters");
        } else if (dedup.asText().isEmpty() && !trigger) {
            errors.add("'dedup_key' is blank");
        }
        JsonNode payload = body.get("payload");
        if (payload != null) {
            payload(payload, errors, true); // PagerDuty's schema checks a payload sent with any action
        } else if (trigger) {
            errors.add("'payload' is missing");
        }
        text(body, "client", errors);
        url(body, "client_url", errors, false);
        links(body.get("links"), errors);
        images(body.get("images"), errors);
        return errors;
    }

    /** The errors of a change event request; empty if PagerDuty would take it. */
    static List<String> change(byte[] raw, JsonNode body) {
        List<String> errors = common(raw, body);
        if (body == null || !body.isObject()) {
            return errors;
        }
        JsonNode payload = body.get("payload");
        if (payload == null) {
            errors.add("'payload' is missing");
        } else {
            payload(payload, errors, false);
        }
        links(body.get("links"), errors);
        if (body.has("images")) {
            errors.add("'images' is not accepted on change events; send 'links'");
        }
        return errors;
    }

    private static List<String> common(byte[] raw, JsonNode body) {
        List<String> errors = new ArrayList<>();
        if (raw.length > MAX_REQUEST) {
            errors.add("the request is " + raw.length + " bytes; the limit is " + MAX_REQUEST);
        }
        if (body == null) {
            errors.add("the body is not JSON");
            return errors;
        }
        if (!body.isObject()) {
            errors.add("the event must be a JSON object");
            return errors;
        }
        JsonNode key = body.get("routing_key");
        if (key == null || key.isNull()) {
            errors.add("'routing_key' is missing");
        } else if (!key.isTextual() || !ROUTING_KEY.matcher(key.asText()).matches()) {
            errors.add("'routing_key' is invalid: an integration key is 32 letters and digits");
        }
        return errors;
    }

    private static void payload(JsonNode payload, List<String> errors, boolean alert) {
        if (!payload.isObject()) {
            errors.add("'payload' must be an object");
            return;
        }
        JsonNode summary = payload.get("summary");
        if (summary == null || !summary.isTextual() || summary.asText().isBlank()) {
            errors.add("'payload.summary' is missing or blank");
        } else if (summary.asText().length() > 1024) {
            errors.add("'payload.summary' is longer than 1024 characters");
        }
        JsonNode source = payload.get("source");
        if (alert && (source == null || !source.isTextual() || source.asText().isBlank())) {
            errors.add("'payload.source' is missing or blank");
        } else if (source != null && !source.isTextual()) { // null included
            errors.add("'payload.source' must be a string");
        }
        if (alert) {
            JsonNode severity = payload.get("severity");
            if (severity == null || !severity.isTextual() || !SEVERITIES.contains(severity.asText())) {
                errors.add("'payload.severity' must be one of critical, error, warning, info");
            }
            text(payload, "component", errors);
            text(payload, "group", errors);
            text(payload, "class", errors);
        }
        JsonNode timestamp = payload.get("timestamp");
        if (timestamp != null && (!timestamp.isTextual() || !rfc3339(timestamp.asText()))) {
            errors.add("'payload.timestamp' is not an ISO 8601 date-time: " + abbreviate(timestamp.toString()));
        }
        JsonNode details = payload.get("custom_details");
        if (details != null && !details.isObject()) {
            errors.add("'payload.custom_details' must be an object");
        }
    }

    /**
     * An RFC 3339 date-time, as the schema's {@code format: date-time} is checked: {@code 2026-01-01T10:00:00Z},
     * {@code 2026-01-01T10:00:00.250+02:00}; not {@code 2026-01-01T10:00Z}, {@code 2026-01-01T10:00:00.Z} nor the
     * unknown offset {@code -00:00}, which {@link OffsetDateTime} would take.
     */
    static boolean rfc3339(String text) {
        return RFC_3339.matcher(text).matches() && !text.endsWith("-00:00")
                && dateTime(text.toUpperCase(java.util.Locale.ROOT));
    }

    /** A date-time {@link OffsetDateTime} reads (Alertmanager's looser one). */
    static boolean dateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void text(JsonNode parent, String field, List<String> errors) {
        JsonNode v = parent.get(field);
        if (v != null && !v.isTextual()) { // null included: the schema types it
            errors.add("'" + field + "' must be a string");
        }
    }

    private static void url(JsonNode parent, String field, List<String> errors, boolean https) {
        JsonNode v = parent.get(field);
        if (v == null) {
            return;
        }
        if (!v.isTextual() || !isUrl(v.asText())) {
            errors.add("'" + field + "' is not a URL: " + abbreviate(v.toString()));
        } else if (https && !v.asText().regionMatches(true, 0, "https://", 0, 8)) {
            errors.add("'" + field + "' must be an HTTPS URL: " + abbreviate(v.asText()));
        }
    }

    static boolean isUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() != null && (uri.getHost() != null || uri.getSchemeSpecificPart() != null);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void links(JsonNode links, List<String> errors) {
        if (links == null) {
            return;
        }
        if (!links.isArray()) {
            errors.add("'links' must be an array");
            return;
        }
        for (JsonNode link : links) {
            if (!link.isObject() || !link.has("href")) {
                errors.add("every link needs an 'href'");
                continue;
            }
            url(link, "href", errors, false);
            text(link, "text", errors);
        }
    }

    private static void images(JsonNode images, List<String> errors) {
        if (images == null) {
            return;
        }
        if (!images.isArray()) {
            errors.add("'images' must be an array");
            return;
        }
        for (JsonNode image : images) {
            if (!image.isObject() || !image.has("src")) {
                errors.add("every image needs a 'src'");
                continue;
            }
            url(image, "src", errors, true);
            url(image, "href", errors, false);
            text(image, "alt", errors);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
