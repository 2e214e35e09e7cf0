package dev.tocsin.logback;

import dev.tocsin.Tocsin;
import dev.tocsin.rules.InvalidRuleException;
import dev.tocsin.rules.MaintenanceSpec;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.RuleSpec;
import dev.tocsin.rules.ScheduledMaintenance;
import dev.tocsin.spi.Destination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The appender's {@code <rule>} and {@code <maintenance>} elements and its flood threshold, as Logback's configurator
 * gave them, and their check at start into what the appender's own client is built with. Every value stays text
 * until {@link #check()}, so that any slip is one error naming the rule and the field, never a Logback conversion
 * failure that leaves the appender paging without it. Not thread-safe: Logback fills it while it reads the
 * configuration, and {@code start()} reads it under the appender's life-cycle lock.
 */
final class ConfiguredRules {
    /** The route name of the appender's own destination, as the Spring starter names its main one. */
    static final String OWN_ROUTE = "pagerduty";
    static final List<String> RULE_FIELDS = List.of("name", "when", "suppress", "severity", "route", "routingKey",
            "link", "linkText", "note", "dedupKey", "dropDetails", "stop");
    static final List<String> WINDOW_FIELDS = List.of("name", "days", "from", "to", "start", "end", "zone", "when");
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    /** No flood setting: the client's defaults. */
    private static final int UNSET = Integer.MIN_VALUE;

    private final List<RuleSpec> rules = new ArrayList<>();
    /** Parallel to {@link #rules}: an element Logback ignored in that rule, or {@code null}. */
    private final List<String> ruleIgnored = new ArrayList<>();
    private final List<MaintenanceSpec> windows = new ArrayList<>();
    private final List<String> windowIgnored = new ArrayList<>();
    private String floodThreshold;
    private String floodPeriod;

    void addRule(RuleSpec spec, String ignoredElement) {
        rules.add(spec);
        ruleIgnored.add(ignoredElement);
    }

    void addWindow(MaintenanceSpec spec, String ignoredElement) {
        windows.add(spec);
        windowIgnored.add(ignoredElement);
    }

    void floodThreshold(String keys) {
        this.floodThreshold = keys;
    }

    void floodPeriod(String period) {
        this.floodPeriod = period;
    }

    /** Whether there is nothing here: no rule, no window, no flood setting. */
    boolean isEmpty() {
        return rules.isEmpty() && windows.isEmpty() && floodThreshold == null && floodPeriod == null;
    }

    /** The routing keys the rules name, as written: secrets, for masking in Logback's statuses only. */
    List<String> routingKeys() {
        List<String> keys = new ArrayList<>();
        for (RuleSpec r : rules) {
            if (r != null && r.getRoutingKey() != null && !r.getRoutingKey().isBlank()) {
                keys.add(r.getRoutingKey().strip());
            }
        }
        return keys;
    }

    /**
     * Checks everything the client's builder would check of these rules, so that it is said at start: the client the
     * appender builds has one destination, its routing key's, whose route name is {@value #OWN_ROUTE}.
     *
     * @throws IllegalArgumentException naming the rule (or window) and the field that is wrong; an
     *     {@link InvalidRuleException} for rules and windows
     */
    Checked check() {
        List<Rule> checked = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rule(i);
            if (!names.add(rule.name())) {
                // as the client's builder says it, here so that it is said at start
                throw new InvalidRuleException("rule '" + rule.name() + "'", "name", "is used by two rules; names"
                        + " must be unique (they name rules in errors, logs and metrics)");
            }
            checked.add(rule);
        }
        List<ScheduledMaintenance> schedules = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            MaintenanceSpec spec = windows.get(i);
            if (spec == null) {
                throw new InvalidRuleException("maintenance window #" + (i + 1), "maintenance", "is null");
            }
            String who = spec.getName() == null || spec.getName().isBlank() ? "maintenance window #" + (i + 1)
                    : "maintenance window '" + spec.getName().strip() + "'";
            unknown(who, windowIgnored.get(i), WINDOW_FIELDS, "maintenance window");
            schedules.add(spec.toSchedule(i + 1));
        }
        return new Checked(List.copyOf(checked), List.copyOf(schedules), floodKeys(), floodWindow());
    }

    private Rule rule(int i) {
        RuleSpec spec = rules.get(i);
        if (spec == null) {
            throw new InvalidRuleException("rule #" + (i + 1), "rule", "is null");
        }
        String named = spec.getName() == null || spec.getName().isBlank() ? null : spec.getName().strip();
        String who = named == null ? "rule #" + (i + 1) : "rule '" + named + "'";
        unknown(who, ruleIgnored.get(i), RULE_FIELDS, "rule");
        Rule rule;
        try {
            rule = spec.toRule(i + 1);
        } catch (InvalidRuleException e) {
            String key = spec.getRoutingKey() == null ? null : spec.getRoutingKey().strip();
            if ("routingKey".equals(e.field()) && RoutingKeyLookup.isUndefined(key)) {
                String variable = key.substring(0, key.length() - "_IS_UNDEFINED".length());
                throw new InvalidRuleException(e.rule(), "routingKey", "is ${" + variable + "}, but the variable "
                        + variable + " is not set (Logback substituted " + key + ")");
            }
            throw e;
        }
        for (String route : rule.routes()) {
            if (route.equals(OWN_ROUTE)) {
                continue;
            }
            if (ROUTING_KEY.matcher(route).matches()) { // a key where a name belongs: not to be shown
                throw new InvalidRuleException(who, "route", "names a destination, and this looks like a routing"
                        + " key: write it as <routingKey>");
            }
            throw new InvalidRuleException(who, "route", "no destination is named '" + clip(route) + "' (names: "
                    + OWN_ROUTE + ", the appender's own); send to another PagerDuty service with <routingKey>");
        }
        return rule;
    }

    /** An element Logback ignored is a field that does not exist: the rule would not do what it says. */
    private static void unknown(String who, String element, List<String> fields, String what) {
        if (element == null) {
            return;
        }
        String near = null;
        String plain = element.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT);
        for (String f : fields) {
            if (f.toLowerCase(Locale.ROOT).equals(plain)) {
                near = f;
            }
        }
        throw new InvalidRuleException(who, clip(element), "is not a field of a " + what
                + (near != null ? " (did you mean <" + near + ">?)" : "; the fields are " + String.join(", ", fields)));
    }

    private int floodKeys() {
        if (floodThreshold == null) {
            return floodPeriod == null ? UNSET : Tocsin.Builder.DEFAULT_FLOOD_KEYS;
        }
        try {
            int keys = Integer.parseInt(floodThreshold.strip());
            if (keys >= 0) {
                return keys;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("tocsin: floodThreshold: '" + clip(floodThreshold.strip()) + "' is not a"
                + " number of new dedup keys (0 or more; 0 turns folding off)");
    }

    private Duration floodWindow() {
        if (floodPeriod == null) {
            return Tocsin.Builder.DEFAULT_FLOOD_PERIOD;
        }
        String text = floodPeriod.strip();
        // The rules' words first ("1m", "30s", "PT1M", "10 minutes", as in application.yml): Logback's own parser
        // reads "30s" as 30 milliseconds and a bare number as milliseconds. Then Logback's words ("1 minute").
        Duration d = ruleDuration(text);
        if (d == null && !text.chars().allMatch(Character::isDigit)) {
            try {
                d = Duration.ofMillis(ch.qos.logback.core.util.Duration.valueOf(text).getMilliseconds());
            } catch (RuntimeException notLogbacks) {
                d = null;
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("tocsin: floodPeriod: '" + clip(text) + "' is not a positive duration"
                    + " such as '1 minute', '30 seconds' or 1m");
        }
        return d;
    }

    /** A duration in the rules' own words ({@code 10m}, {@code PT10M}); {@code null} if it is not one. */
    private static Duration ruleDuration(String text) {
        try {
            return RuleSpec.duration(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    /** What the appender's own client is built with; immutable. */
    record Checked(List<Rule> rules, List<ScheduledMaintenance> windows, int floodKeys, Duration floodPeriod) {

        /** Adds these to a builder whose one destination, {@code own}, is already on it without a name. */
        Tocsin.Builder applyTo(Tocsin.Builder builder, Destination own) {
            if (!rules.isEmpty()) {
                builder.destination(OWN_ROUTE, own).rules(rules); // one lane still: one destination, twice listed
            }
            windows.forEach(builder::maintenance);
            if (floodKeys != UNSET) {
                builder.floodThreshold(floodKeys, floodPeriod);
            }
            return builder;
        }
    }
}
