package dev.tocsin.rules;

import dev.tocsin.event.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The severity policy a team keeps as a P1–P4 table: which named destinations each severity goes to. It routes
 * every trigger that no {@link Rule} routed, by its final severity (after rules changed it); a severity the table
 * leaves out takes the client's default route.
 *
 * <pre>{@code
 * SeverityPolicy.builder()
 *     .route(Severity.CRITICAL, "pagerduty").route(Severity.ERROR, "pagerduty")
 *     .route(Severity.WARNING, "slack").route(Severity.INFO, "slack")
 *     .build();
 * // or from configuration: {critical: pagerduty, error: pagerduty, warning: slack, info: slack},
 * // or with the table's own names: {P1: pagerduty, P2: pagerduty, P3: slack, P4: slack}
 * }</pre>
 *
 * <p>P1 is critical, P2 error, P3 warning and P4 info. Immutable and thread-safe.
 */
public final class SeverityPolicy {
    private static final SeverityPolicy NONE = new SeverityPolicy(new EnumMap<>(Severity.class));

    private final Map<Severity, List<String>> routes;

    private SeverityPolicy(Map<Severity, List<String>> routes) {
        EnumMap<Severity, List<String>> copy = new EnumMap<>(Severity.class);
        routes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.routes = Collections.unmodifiableMap(copy);
    }

    /** The empty policy: every trigger no rule routes takes the default route. */
    public static SeverityPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a table from configuration: keys are severities ({@code critical}, {@code error}, {@code warning},
     * {@code info}, any case) or {@code P1}–{@code P4}; values are destination names, comma-separated.
     *
     * @throws InvalidRuleException naming the entry that is wrong
     */
    public static SeverityPolicy of(Map<String, String> table) {
        Builder b = builder();
        if (table == null) {
            return b.build();
        }
        table.forEach((key, value) -> {
            Severity s = severity(key);
            if (s == null) {
                throw new InvalidRuleException("severity policy", String.valueOf(key),
                        "is not a severity; use critical, error, warning, info or P1 to P4");
            }
            List<String> names = names(value);
            if (names.isEmpty()) {
                throw new InvalidRuleException("severity policy", String.valueOf(key),
                        "names no destination; write one or more names, comma-separated");
            }
            b.route(s, names.toArray(String[]::new));
        });
        return b.build();
    }

    /** A severity by name or P-level, or {@code null}. */
    static Severity severity(String key) {
        if (key == null) {
            return null;
        }
        String k = key.strip().toUpperCase(Locale.ROOT);
        switch (k) {
            case "P1":
                return Severity.CRITICAL;
            case "P2":
                return Severity.ERROR;
            case "P3":
                return Severity.WARNING;
            case "P4":
                return Severity.INFO;
            default:
                for (Severity s : Severity.values()) {
                    if (s.name().equals(k)) {
                        return s;
                    }
                }
                return null;
        }
    }

    static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** The destinations a severity goes to; empty if the table leaves it to the default route. */
    public List<String> routes(Severity severity) {
        return routes.getOrDefault(severity, List.of());
    }

    /** The table, severity by severity. */
    public Map<Severity, List<String>> table() {
        return routes;
    }

    @Override
    public String toString() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        routes.forEach((k, v) -> t.put(k.name().toLowerCase(Locale.ROOT), v));
        return "severity policy " + t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeverityPolicy p && p.routes.equals(routes);
    }

    @Override
    public int hashCode() {
        return routes.hashCode();
    }

    /** Builds a {@link SeverityPolicy}. */
    public static final class Builder {
        private final Map<Severity, List<String>> routes = new EnumMap<>(Severity.class);

        private Builder() {
        }

        /** Sends triggers of this severity to these named destinations (added to any named before). */
        public Builder route(Severity severity, String... destinations) {
            Objects.requireNonNull(severity, "tocsin: severity policy: severity must not be null");
            Objects.requireNonNull(destinations, "tocsin: severity policy: destinations must not be null");
            for (String d : destinations) {
                if (d == null || d.isBlank()) {
                    throw new InvalidRuleException("severity policy", severity.name().toLowerCase(Locale.ROOT),
                            "a destination name is blank");
                }
                List<String> list = routes.computeIfAbsent(severity, k -> new ArrayList<>());
                if (!list.contains(d.strip())) {
                    list.add(d.strip());
                }
            }
            return this;
        }

        public SeverityPolicy build() {
            return new SeverityPolicy(routes);
        }
    }
}
