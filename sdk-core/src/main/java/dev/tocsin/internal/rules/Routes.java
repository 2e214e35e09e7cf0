package dev.tocsin.internal.rules;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.outbox.Lane;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which lanes an alert goes to. A trigger goes where its rules routed it, else where the severity policy sends its
 * severity, else to the default route; the lanes it went to are remembered by dedup key, so that its storm updates,
 * acknowledge and resolve follow it. An acknowledge or resolve of a key not remembered (sent before a restart, or
 * forgotten past {@link #MEMORY} keys) goes to every lane: resolving an incident a destination never had is harmless.
 * A rule that changed a trigger's dedup key leaves an alias, so that a resolve of the key as the application knows it
 * (the Logback appender's auto-resolve, say) resolves what was sent. Dispatch thread only.
 */
public final class Routes {
    static final int MEMORY = 10_000;
    static final int MAX_ALIASES = 16;

    private final Set<Lane> allSet;
    private final Map<String, Set<Lane>> byName;
    private final Set<Lane> defaults;
    private final Map<Severity, Set<Lane>> bySeverity = new EnumMap<>(Severity.class);
    /** Whether lanes differ at all: without names, everything goes everywhere and nothing is remembered. */
    private final boolean routed;
    private final Map<String, Set<Lane>> memory = Lru.map(MEMORY);
    private final Map<String, Set<String>> aliases = Lru.map(MEMORY);
    /** The keys triggers were sent with (as far as memory reaches). */
    private final Map<String, Boolean> sentAs = Lru.map(MEMORY);

    /**
     * @param byName the lanes under each route name
     * @param defaults the default route's lanes
     * @param policy the lanes of each severity in the severity policy (absent: default route)
     */
    public Routes(List<Lane> all, Map<String, ? extends Collection<Lane>> byName, Collection<Lane> defaults,
            Map<Severity, ? extends Collection<Lane>> policy) {
        this.allSet = identitySet(all);
        Map<String, Set<Lane>> names = new LinkedHashMap<>();
        byName.forEach((k, v) -> names.put(k, identitySet(v)));
        this.byName = names;
        this.defaults = identitySet(defaults);
        policy.forEach((k, v) -> bySeverity.put(k, identitySet(v)));
        this.routed = !this.defaults.equals(allSet) || !bySeverity.isEmpty() || !names.isEmpty();
    }

    /** Every lane for everything: a client without route names. */
    public static Routes everywhere(List<Lane> lanes) {
        return new Routes(lanes, Map.of(), lanes, Map.of());
    }

    /**
     * The lanes of a trigger the rules have seen, remembered for its key.
     *
     * @param ruleRoutes the route names its rules chose (empty: none)
     */
    public Set<Lane> route(Alert trigger, Set<String> ruleRoutes) {
        sentAs.put(trigger.dedupKey(), Boolean.TRUE);
        if (!routed) {
            return allSet;
        }
        Set<Lane> lanes;
        if (!ruleRoutes.isEmpty()) {
            lanes = identitySet(List.of());
            for (String name : ruleRoutes) {
                lanes.addAll(byName.getOrDefault(name, Set.of()));
            }
        } else {
            lanes = bySeverity.getOrDefault(trigger.severity(), defaults);
        }
        Set<Lane> before = memory.get(trigger.dedupKey());
        if (before != null && !before.containsAll(lanes)) { // an incident stays where it was opened, and grows
            Set<Lane> both = identitySet(before);
            both.addAll(lanes);
            lanes = both;
        } else if (before != null) {
            lanes = before;
        }
        memory.put(trigger.dedupKey(), lanes);
        return lanes;
    }

    /** Whether a trigger of this key went out (as far as memory reaches): its lanes are remembered. */
    public boolean sent(String key) {
        return sentAs.containsKey(key) || aliases.containsKey(key);
    }

    /** Forgets where a resolved incident was. */
    public void forget(String key) {
        memory.remove(key);
    }

    /** Records that a rule turned {@code asKnown} into {@code asSent}. */
    public void alias(String asKnown, String asSent) {
        if (asKnown == null || asKnown.equals(asSent)) {
            return;
        }
        Set<String> keys = aliases.computeIfAbsent(asKnown, k -> new LinkedHashSet<>());
        keys.add(asSent);
        if (keys.size() > MAX_ALIASES) {
            keys.remove(keys.iterator().next());
        }
    }

    /**
     * The keys an acknowledge or resolve of {@code key} stands for: the key itself (some of its triggers may have gone
     * out unchanged) and the keys rules made of it.
     */
    public Collection<String> keysFor(String key) {
        Set<String> keys = aliases.get(key);
        if (keys == null) {
            return List.of(key);
        }
        Set<String> all = new LinkedHashSet<>();
        if (sentAs.containsKey(key)) {
            all.add(key);
        }
        all.addAll(keys);
        return List.copyOf(all);
    }

    /** After a resolve: the key's aliases are settled. */
    public void resolved(String asKnown) {
        aliases.remove(asKnown);
    }

    /** The lanes an alert goes to now: its key's remembered lanes, else as {@link #route} or every lane. */
    public Set<Lane> lanesFor(Alert alert) {
        if (!routed) {
            return allSet;
        }
        Set<Lane> lanes = memory.get(alert.dedupKey());
        if (lanes != null) {
            return lanes;
        }
        if (alert.action() == Action.TRIGGER) {
            return route(alert, Set.of());
        }
        return allSet;
    }

    private static Set<Lane> identitySet(Collection<Lane> lanes) {
        Set<Lane> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(lanes);
        return s;
    }
}
