package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.rules.InvalidRuleException;
import dev.tocsin.rules.MaintenanceSpec;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.RuleSpec;
import dev.tocsin.rules.ScheduledMaintenance;
import dev.tocsin.rules.SeverityPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules, severity policy, default route, maintenance schedules and flood threshold of the properties, read with
 * the core's own parsers ({@link RuleSpec}, {@link SeverityPolicy#of}, {@link MaintenanceSpec}) and applied to a
 * builder. The core names a slip by rule and field ({@link InvalidRuleException}); here it is said again with the
 * Spring property, such as {@code tocsin.rules[1].when (rule 'payments'): unknown field 'sumary' (did you mean
 * 'summary'?)}, both when a spec is read and when {@link Tocsin.Builder#build()} checks the routes
 * ({@link #explain}). A rule or window without a name is named by its place, as {@code tocsin.rules[0]}.
 * Immutable once made.
 */
final class RuleProperties {
    static final String RULES = "tocsin.rules";
    static final String POLICY = "tocsin.severity-policy";
    static final String DEFAULT_ROUTE = "tocsin.default-route";
    static final String MAINTENANCE = "tocsin.maintenance";

    private final List<Rule> rules = new ArrayList<>();
    /** Each rule's name, and its property ({@code tocsin.rules[0]}). */
    private final Map<String, String> ruleProperties = new LinkedHashMap<>();
    private final List<String> unnamedRules = new ArrayList<>();
    private SeverityPolicy policy = SeverityPolicy.none();
    /** Each severity of the policy (lower case) and the key it was written with ({@code P1}, {@code critical}). */
    private final Map<String, String> policyKeys = new LinkedHashMap<>();
    private final List<String> defaultRoute = new ArrayList<>();
    private final List<ScheduledMaintenance> maintenance = new ArrayList<>();
    private final Map<String, String> windowProperties = new LinkedHashMap<>();
    private Integer floodThreshold;
    private Duration floodPeriod;

    private RuleProperties() {
    }

    /** Nothing: a client routed and filtered as before rules existed. */
    static RuleProperties none() {
        return new RuleProperties();
    }

    /** @throws TocsinPropertyException for the first rule, policy entry or window that is wrong */
    static RuleProperties of(TocsinProperties p) {
        RuleProperties r = new RuleProperties();
        r.readRules(p.getRules());
        r.readPolicy(p.getSeverityPolicy());
        p.getDefaultRoute().stream().filter(n -> n != null && !n.isBlank()).map(String::strip)
                .forEach(r.defaultRoute::add);
        r.readMaintenance(p.getMaintenance());
        r.readFlood(p.getFlood());
        return r;
    }

    /** Adds everything to the builder; destinations the routes name must be added too. */
    void applyTo(Tocsin.Builder builder) {
        builder.rules(rules).severityPolicy(policy);
        maintenance.forEach(builder::maintenance);
        if (!defaultRoute.isEmpty()) {
            builder.defaultRoute(defaultRoute.toArray(String[]::new));
        }
        if (floodThreshold != null) {
            builder.floodThreshold(floodThreshold, floodPeriod);
        }
    }

    private void readRules(List<RuleSpec> specs) {
        for (int i = 0; i < specs.size(); i++) {
            String property = RULES + "[" + i + "]";
            RuleSpec spec = specs.get(i) == null ? new RuleSpec() : specs.get(i);
            boolean named = spec.getName() != null && !spec.getName().isBlank();
            String name = named ? spec.getName().strip() : property;
            if (!named) {
                unnamedRules.add(name);
            }
            String earlier = ruleProperties.get(name);
            if (earlier != null) {
                throw new TocsinPropertyException(property + ".name", property + ".name (rule '" + name + "'): is"
                        + " the name of " + earlier + " too; names must be unique (they name rules in errors, logs"
                        + " and metrics)", "Give " + property + ".name a name of its own.");
            }
            ruleProperties.put(name, property);
            if (spec.getRoutingKey() != null) {
                NamedDestinations.required(property + ".routing-key", named ? "rule '" + name + "'" : null,
                        spec.getRoutingKey(), "a PagerDuty integration key (32 letters and digits)");
            }
            try {
                rules.add(named(spec, name).toRule(i + 1));
            } catch (InvalidRuleException e) {
                throw forRule(name, e);
            }
        }
    }

    private void readPolicy(Map<String, String> table) {
        for (Map.Entry<String, String> e : table.entrySet()) {
            try {
                SeverityPolicy one = SeverityPolicy.of(Map.of(e.getKey(), e.getValue() == null ? "" : e.getValue()));
                one.table().keySet().forEach(s -> policyKeys.put(s.name().toLowerCase(Locale.ROOT), e.getKey()));
            } catch (InvalidRuleException invalid) {
                throw forPolicy(e.getKey(), invalid);
            }
        }
        policy = SeverityPolicy.of(table);
    }

    private void readMaintenance(List<MaintenanceSpec> specs) {
        for (int i = 0; i < specs.size(); i++) {
            String property = MAINTENANCE + "[" + i + "]";
            MaintenanceSpec spec = specs.get(i) == null ? new MaintenanceSpec() : specs.get(i);
            boolean named = spec.getName() != null && !spec.getName().isBlank();
            String name = named ? spec.getName().strip() : property;
            windowProperties.putIfAbsent(name, property);
            try {
                maintenance.add(named(spec, name).toSchedule(i + 1));
            } catch (InvalidRuleException e) {
                throw slip(property, e.field(), named ? "window '" + name + "'" : null, problem(e),
                        RuleAdvice.forWindow(property, e.field()));
            }
        }
    }

    private void readFlood(TocsinProperties.Flood flood) {
        Integer threshold = flood.getThreshold();
        Duration period = flood.getPeriod();
        if (threshold == null && period == null) {
            return; // the core's default: the rate limit, which a customizer may change
        }
        if (threshold != null && threshold < 0) {
            throw new TocsinPropertyException("tocsin.flood.threshold", "tocsin.flood.threshold must not be negative,"
                    + " was " + threshold, "Set tocsin.flood.threshold to the new dedup keys per period past which a"
                            + " destination folds (such as 100), or to 0 to turn folding off.");
        }
        if (period != null && (period.isZero() || period.isNegative())) {
            throw new TocsinPropertyException("tocsin.flood.period", "tocsin.flood.period must be a positive"
                    + " duration, was " + period, "Set tocsin.flood.period to a positive duration such as 1m (the"
                            + " default), or remove it.");
        }
        floodThreshold = threshold != null ? threshold : Tocsin.Builder.DEFAULT_FLOOD_KEYS;
        floodPeriod = period != null ? period : Tocsin.Builder.DEFAULT_FLOOD_PERIOD;
    }

    /**
     * A failure of {@link Tocsin.Builder#build()} said with the property that caused it (a route naming no
     * destination, say), or the failure itself if no property did (a rule a customizer added).
     */
    RuntimeException explain(IllegalArgumentException e) {
        if (e instanceof InvalidRuleException invalid) {
            String rule = invalid.rule();
            if (rule.startsWith("rule '")) {
                String name = quoted(rule);
                for (Map.Entry<String, String> r : ruleProperties.entrySet()) {
                    if (r.getKey().equals(name) || name.endsWith("...")
                            && r.getKey().startsWith(name.substring(0, name.length() - 3))) {
                        return forRule(r.getKey(), invalid);
                    }
                }
            } else if (rule.equals("severity policy") && policyKeys.containsKey(invalid.field())) {
                return forPolicy(policyKeys.get(invalid.field()), invalid);
            } else if (rule.startsWith("maintenance window '") && windowProperties.containsKey(quoted(rule))) {
                String property = windowProperties.get(quoted(rule));
                return slip(property, invalid.field(), null, problem(invalid),
                        RuleAdvice.forWindow(property, invalid.field()));
            }
            return e;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("tocsin: defaultRoute") && !defaultRoute.isEmpty()) {
            return new TocsinPropertyException(DEFAULT_ROUTE, DEFAULT_ROUTE + message.substring(
                    "tocsin: defaultRoute".length()), "Name destinations of tocsin.destinations (or " + NamedDestinations.MAIN
                    + ", the main one) in " + DEFAULT_ROUTE + ", comma-separated, or remove it.");
        }
        return e;
    }

    private TocsinPropertyException forRule(String name, InvalidRuleException e) {
        String property = ruleProperties.get(name);
        return slip(property, e.field(), unnamedRules.contains(name) ? null : "rule '" + name + "'", problem(e),
                RuleAdvice.forRule(property, e.field()));
    }

    private static TocsinPropertyException forPolicy(String key, InvalidRuleException e) {
        String property = POLICY + "." + key;
        return new TocsinPropertyException(property, property + ": " + problem(e), "Set " + property
                + " to destination names, comma-separated: " + NamedDestinations.MAIN + " (the main destination) or"
                + " one of tocsin.destinations; keys are critical, error, warning and info, or P1 to P4.");
    }

    /** {@code tocsin.rules[1].when (rule 'payments'): problem}; an unnamed one is named by its property alone. */
    private static TocsinPropertyException slip(String element, String field, String who, String problem,
            String action) {
        String property = element + "." + dashed(field);
        return new TocsinPropertyException(property, property + (who == null ? "" : " (" + who + ")") + ": " + problem,
                action);
    }

    /** What the core says is wrong, without its {@code tocsin: <rule>: <field>: } prefix. */
    static String problem(InvalidRuleException e) {
        String prefix = "tocsin: " + e.rule() + ": " + e.field() + ": ";
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : PropertyChecks.springNames(m);
    }

    static String dashed(String field) {
        return org.springframework.boot.context.properties.bind.DataObjectPropertyName.toDashedForm(field);
    }

    private static String quoted(String who) {
        int start = who.indexOf('\'');
        int end = who.lastIndexOf('\'');
        return start >= 0 && end > start ? who.substring(start + 1, end) : who;
    }

    private static RuleSpec named(RuleSpec spec, String name) {
        RuleSpec copy = new RuleSpec();
        copy.setName(name);
        copy.setWhen(spec.getWhen());
        copy.setSuppress(spec.getSuppress());
        copy.setSeverity(spec.getSeverity());
        copy.setRoute(spec.getRoute());
        copy.setRoutingKey(spec.getRoutingKey());
        copy.setLink(spec.getLink());
        copy.setLinkText(spec.getLinkText());
        copy.setNote(spec.getNote());
        copy.setDedupKey(spec.getDedupKey());
        copy.setDropDetails(spec.getDropDetails());
        copy.setStop(spec.getStop());
        return copy;
    }

    private static MaintenanceSpec named(MaintenanceSpec spec, String name) {
        MaintenanceSpec copy = new MaintenanceSpec();
        copy.setName(name);
        copy.setDays(spec.getDays());
        copy.setFrom(spec.getFrom());
        copy.setTo(spec.getTo());
        copy.setStart(spec.getStart());
        copy.setEnd(spec.getEnd());
        copy.setZone(spec.getZone());
        copy.setWhen(spec.getWhen());
        return copy;
    }
}
