package dev.tocsin.internal.config;

import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Digests;
import dev.tocsin.rules.InvalidRuleException;
import dev.tocsin.rules.Rule;
import dev.tocsin.rules.SeverityPolicy;
import dev.tocsin.spi.Destination;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routes of a client, checked once at build: the route name of each destination (the ones rules' routing keys
 * add included), the default route and the severity policy, each name known. Immutable.
 */
public final class RoutePlan {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final List<Destination> destinations;
    private final List<String> names;
    private final Map<String, String> routingKeyRoutes;
    private final Set<String> defaultRoute;
    private final boolean defaultIsUnnamed;
    private final SeverityPolicy policy;

    private RoutePlan(List<Destination> destinations, List<String> names, Map<String, String> routingKeyRoutes,
            Set<String> defaultRoute, boolean defaultIsUnnamed, SeverityPolicy policy) {
        this.destinations = List.copyOf(destinations);
        this.names = java.util.Collections.unmodifiableList(new ArrayList<>(names));
        this.routingKeyRoutes = Map.copyOf(routingKeyRoutes);
        this.defaultRoute = Set.copyOf(defaultRoute);
        this.defaultIsUnnamed = defaultIsUnnamed;
        this.policy = policy;
    }

    static RoutePlan check(List<Destination> given, List<String> givenNames, List<Rule> rules, SeverityPolicy policy,
            List<String> defaultRoute, Map<String, Destination> routingKeys) {
        Map<String, String> keyRoutes = new LinkedHashMap<>();
        List<Destination> destinations = new ArrayList<>(given);
        List<String> names = new ArrayList<>(givenNames);
        while (names.size() < destinations.size()) {
            names.add(null);
        }
        Set<String> known = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null) {
                if (!NAME.matcher(n).matches()) {
                    throw new IllegalArgumentException("tocsin: destination name '" + clip(n) + "' must be 1 to 64"
                            + " letters, digits, '-', '_' or '.', starting with a letter or digit");
                }
                known.add(n);
            }
        }
        if (rules.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("tocsin: rules must not contain null");
        }
        Set<String> ruleNames = new LinkedHashSet<>();
        for (Rule r : rules) {
            if (!ruleNames.add(r.name())) {
                throw new InvalidRuleException("rule '" + r.name() + "'", "name", "is used by two rules; names must"
                        + " be unique (they name rules in errors, logs and metrics)");
            }
        }
        // A rule's routing key is a destination of its own, made by the builder like the first PagerDuty destination.
        for (Map.Entry<String, Destination> e : routingKeys.entrySet()) {
            String route = routeOf(e.getKey());
            destinations.add(e.getValue());
            names.add(route);
            keyRoutes.put(e.getKey(), route);
        }
        String known0 = known.isEmpty() ? "none has a name" : "names: " + String.join(", ", known);
        for (Rule r : rules) {
            for (String route : r.routes()) {
                if (!known.contains(route)) {
                    throw new InvalidRuleException("rule '" + r.name() + "'", "route", "no destination is named '"
                            + clip(route) + "' (" + known0 + ")");
                }
            }
        }
        if (policy == null) {
            throw new IllegalArgumentException("tocsin: severityPolicy must not be null (SeverityPolicy.none())");
        }
        Set<Severity> uncovered = EnumSet.allOf(Severity.class);
        for (Map.Entry<Severity, List<String>> e : policy.table().entrySet()) {
            for (String route : e.getValue()) {
                if (!known.contains(route)) {
                    throw new InvalidRuleException("severity policy", e.getKey().name().toLowerCase(Locale.ROOT),
                            "no destination is named '" + clip(route) + "' (" + known0 + ")");
                }
            }
            uncovered.remove(e.getKey());
        }
        Set<String> defaults = new LinkedHashSet<>();
        boolean unnamed = defaultRoute == null;
        if (defaultRoute != null) {
            if (defaultRoute.isEmpty()) {
                throw new IllegalArgumentException("tocsin: defaultRoute names no destination");
            }
            for (String route : defaultRoute) {
                if (route == null || !known.contains(route)) {
                    throw new IllegalArgumentException("tocsin: defaultRoute: no destination is named '"
                            + clip(String.valueOf(route)) + "' (" + known0 + ")");
                }
                defaults.add(route);
            }
        } else if (!uncovered.isEmpty() && given.size() > 0 && givenNames.stream().noneMatch(java.util.Objects::isNull)
                && names.subList(0, given.size()).stream().noneMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("tocsin: every destination has a route name, so a trigger that no rule"
                    + " routes (severity " + lower(uncovered) + ") would go nowhere: add a destination without a"
                    + " name, set defaultRoute(...), or give the severity policy a route for every severity");
        }
        return new RoutePlan(destinations, names, keyRoutes, defaults, unnamed, policy);
    }

    /** The route name of a rule's routing key: never the key itself. */
    public static String routeOf(String routingKey) {
        return "routing-key-" + Digests.sha256Hex(routingKey).substring(0, 12);
    }

    /** The destinations, the ones rules' routing keys add last. */
    public List<Destination> destinations() {
        return destinations;
    }

    /** The route name of each destination, parallel to {@link #destinations()}; {@code null} for an unnamed one. */
    public List<String> names() {
        return names;
    }

    /** The route name each rule routing key was given. */
    public Map<String, String> routingKeyRoutes() {
        return routingKeyRoutes;
    }

    /** The default route's names; empty if it is the unnamed destinations. */
    public Set<String> defaultRoute() {
        return defaultRoute;
    }

    public boolean defaultIsUnnamed() {
        return defaultIsUnnamed;
    }

    public SeverityPolicy policy() {
        return policy;
    }

    private static String lower(Set<Severity> s) {
        return String.join(", ", s.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** A name for a message: cut, and masked if it looks like a routing key put in the wrong place. */
    private static String clip(String s) {
        if (s.strip().matches("[A-Za-z0-9]{32}")) {
            return "…" + s.strip().substring(28) + " (looks like a routing key: use routingKey for keys)";
        }
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
