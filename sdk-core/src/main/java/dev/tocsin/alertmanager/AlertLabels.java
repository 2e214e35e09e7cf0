package dev.tocsin.alertmanager;

import dev.tocsin.event.Alert;
import dev.tocsin.internal.text.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The label set of an alert, which is its identity in Alertmanager: {@code alertname}, {@code dedup_key},
 * {@code severity}, {@code service}, {@code component} and {@code group} from the alert, the destination's static
 * labels, and the alert's details that the destination names as labels (they override a static label of the same
 * name). A resolve is sent in the label set of its trigger, so every label must come out the same for both.
 * Immutable.
 */
final class AlertLabels {
    /** Alertmanager's rule for label names (Prometheus' {@code model.LabelName.IsValid}). */
    static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** The labels made from the alert's own fields: configured labels may not take these names. */
    static final Set<String> DERIVED = Set.of("alertname", "dedup_key", "severity", "service", "component", "group");
    /** Used only when an alert has neither a type, nor a configured default, nor a source. */
    static final String LAST_RESORT_ALERTNAME = "TocsinAlert";

    private final Map<String, String> statics;
    private final List<String> fromDetails;
    private final String alertname;

    AlertLabels(Map<String, String> statics, List<String> fromDetails, String alertname) {
        this.statics = Map.copyOf(statics);
        this.fromDetails = List.copyOf(fromDetails);
        this.alertname = alertname;
    }

    /**
     * Checks a configured label name against Alertmanager's rules and the derived names.
     *
     * @throws IllegalArgumentException naming the setting, if the name cannot be used
     */
    static String checkName(String setting, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tocsin: " + setting + ": '" + name + "' is not a valid Alertmanager "
                    + "label name (letters, digits and _, not starting with a digit)");
        }
        if (name.startsWith("__")) {
            throw new IllegalArgumentException("tocsin: " + setting + ": label names starting with __ are reserved "
                    + "for Alertmanager's own use: '" + name + "'");
        }
        if (DERIVED.contains(name)) {
            throw new IllegalArgumentException("tocsin: " + setting + ": the label '" + name + "' comes from the "
                    + "alert itself (" + origin(name) + ")");
        }
        return name;
    }

    private static String origin(String name) {
        return switch (name) {
            case "alertname" -> "its type, else alertmanager.alertname";
            case "service" -> "its source, else the client's source(...)";
            case "dedup_key" -> "its dedup key";
            default -> "its " + name;
        };
    }

    /** The label set of an alert. */
    Map<String, String> of(Alert a) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", value(alertname(a)));
        labels.put("dedup_key", value(a.dedupKey()));
        put(labels, "severity", a.severity() == null ? null : a.severity().wireName());
        put(labels, "service", a.source());
        put(labels, "component", a.component());
        put(labels, "group", a.group());
        labels.putAll(statics);
        for (String name : fromDetails) {
            Object v = a.details().get(name);
            if (v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character) {
                put(labels, name, String.valueOf(v));
            }
        }
        return labels;
    }

    /**
     * The labels that find the alerts a resolve is about among those a peer holds: its dedup key, its service and
     * the static labels that no detail overrides. The others (alertname, severity, ...) are what a client started
     * after the trigger may not know.
     */
    Map<String, String> identity(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("dedup_key", "service")) {
            if (labels.containsKey(name)) {
                out.put(name, labels.get(name));
            }
        }
        statics.forEach((name, v) -> {
            if (!fromDetails.contains(name) && v.equals(labels.get(name))) {
                out.put(name, v);
            }
        });
        return out;
    }

    private String alertname(Alert a) {
        if (a.type() != null && !a.type().isBlank()) {
            return a.type();
        }
        if (alertname != null) {
            return alertname;
        }
        return a.source() != null && !a.source().isBlank() ? a.source() : LAST_RESORT_ALERTNAME;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(name, value(value));
        }
    }

    /** Label values are any UTF-8 text; control characters and over-long values are not welcome. */
    static String value(String value) {
        return Text.line(value, AlertmanagerPayloads.MAX_VALUE);
    }
}
