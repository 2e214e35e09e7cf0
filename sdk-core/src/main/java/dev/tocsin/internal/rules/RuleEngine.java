package dev.tocsin.internal.rules;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.Link;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.expr.Expression;
import dev.tocsin.internal.expr.Node;
import dev.tocsin.internal.expr.Template;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.rules.Rule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a client's rules over one normalised trigger, in order: each rule that matches applies its actions, and a
 * later rule sees what the earlier ones changed. Dispatch thread only. A rule that fails for an event (a regular
 * expression out of budget, say) counts as not matching; the failure is counted and logged, never thrown.
 */
public final class RuleEngine {
    private final List<Compiled> rules;
    private final Counters counters;
    private final RateLimitedLog failures;
    private final List<String> mdcKeys;

    public RuleEngine(List<Rule> rules, Map<String, String> routingKeyRoutes, Counters counters,
            RateLimitedLog failures) {
        this.counters = counters;
        this.failures = failures;
        List<Compiled> compiled = new ArrayList<>();
        for (Rule r : rules) {
            compiled.add(new Compiled(r, routingKeyRoutes));
        }
        this.rules = List.copyOf(compiled);
        java.util.Set<String> mdc = new java.util.TreeSet<>();
        for (Compiled c : compiled) {
            c.fields().stream().filter(f -> f.startsWith("mdc.")).map(f -> f.substring(4)).forEach(mdc::add);
        }
        this.mdcKeys = List.copyOf(mdc);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The outcome for one trigger.
     *
     * @param event the normalised trigger and what else the rules may read
     */
    public Outcome evaluate(EventFields event, Instant now) {
        Alert alert = event.alert();
        EventFields view = event;
        Set<String> routes = new LinkedHashSet<>();
        boolean changed = false;
        for (Compiled rule : rules) {
            boolean match;
            try {
                match = rule.condition.test(view);
            } catch (Throwable e) {
                counters.ruleFailed();
                failures.warn("rule:" + rule.rule.name(), "tocsin: rule '{}' could not be evaluated for an event ({});"
                        + " it counts as not matching", rule.rule.name(), Throwables.summary(e));
                continue;
            }
            if (!match) {
                continue;
            }
            if (rule.rule.suppresses() && rule.suppressesNow(now)) {
                return new Outcome(null, rule.rule.name(), Set.of(), false, rule.matches == null);
            }
            Alert next = rule.apply(view, routes);
            if (next != alert) {
                changed = true;
                alert = next;
                view = new EventFields(alert, event.error(), event.mdc());
            }
            if (rule.rule.stops()) {
                break;
            }
        }
        return new Outcome(alert, null, routes, changed, true);
    }

    /** The MDC keys any rule reads (in a condition or a template), for telling repeats of one key apart. */
    public List<String> mdcKeys() {
        return mdcKeys;
    }

    /**
     * What the rules made of a trigger.
     *
     * @param alert the trigger to send, or {@code null} if suppressed
     * @param suppressedBy the name of the rule that suppressed it
     * @param routes the route names the rules chose; empty means the severity policy's or the default route
     * @param changed whether the rules changed the alert (it is then normalised again)
     * @param repeatable whether a repeat of the same event would get the same outcome: false when a threshold
     *     counted it
     */
    public record Outcome(Alert alert, String suppressedBy, Set<String> routes, boolean changed, boolean repeatable) {
    }

    private static final class Compiled {
        final Rule rule;
        final Node condition;
        final Template dedupKey;
        final List<Template> notes = new ArrayList<>();
        final List<Template> links = new ArrayList<>();
        final List<String> routes = new ArrayList<>();
        /** With a threshold: when the latest matches happened, at most threshold + 1 of them. */
        final ArrayDeque<Instant> matches;

        Compiled(Rule rule, Map<String, String> routingKeyRoutes) {
            this.rule = rule;
            this.condition = Expression.parse(rule.condition().toString());
            this.dedupKey = rule.dedupKey() == null ? null : Template.parse(rule.dedupKey());
            rule.notes().forEach(n -> notes.add(Template.parse(n)));
            rule.links().forEach(l -> links.add(Template.parse(l.href())));
            routes.addAll(rule.routes());
            rule.routingKeys().forEach(k -> routes.add(routingKeyRoutes.get(k)));
            this.matches = rule.suppresses() && rule.unlessMoreThan() > 0 ? new ArrayDeque<>() : null;
        }

        /** Every field the rule reads, in its condition and its templates. */
        List<String> fields() {
            List<String> all = new ArrayList<>(condition.fields());
            if (dedupKey != null) {
                all.addAll(dedupKey.fields());
            }
            notes.forEach(n -> all.addAll(n.fields()));
            links.forEach(l -> all.addAll(l.fields()));
            return all;
        }

        /** Whether this match is suppressed: always, or while the matches within the window are few enough. */
        boolean suppressesNow(Instant now) {
            if (matches == null) {
                return true;
            }
            Instant horizon = now.minus(rule.within());
            while (!matches.isEmpty() && !matches.peekFirst().isAfter(horizon)) {
                matches.pollFirst();
            }
            matches.addLast(now);
            while (matches.size() > rule.unlessMoreThan() + 1) {
                matches.pollFirst();
            }
            return matches.size() <= rule.unlessMoreThan();
        }

        Alert apply(EventFields view, Set<String> chosen) {
            chosen.addAll(routes);
            if (rule.severity() == null && dedupKey == null && notes.isEmpty() && links.isEmpty()
                    && rule.dropDetails().isEmpty()) {
                return view.alert();
            }
            Alert a = view.alert();
            String key = a.dedupKey();
            if (dedupKey != null) {
                String made = DedupKeys.sanitize(dedupKey.fill(view));
                if (made != null) {
                    key = made;
                }
            }
            List<Link> allLinks = new ArrayList<>(a.links());
            for (int i = 0; i < links.size(); i++) {
                allLinks.add(new Link(links.get(i).fillEncoded(view), rule.links().get(i).text()));
            }
            Map<String, Object> details = new LinkedHashMap<>(a.details());
            if (!notes.isEmpty()) {
                List<Object> all = new ArrayList<>();
                Object old = details.get("notes");
                if (old instanceof List<?> list) {
                    all.addAll(list);
                } else if (old != null) {
                    all.add(old);
                }
                notes.forEach(n -> all.add(n.fill(view)));
                details.put("notes", all);
            }
            for (String drop : rule.dropDetails()) {
                if (drop.endsWith("*")) {
                    String prefix = drop.substring(0, drop.length() - 1);
                    details.keySet().removeIf(k -> k.startsWith(prefix));
                } else {
                    details.remove(drop);
                }
            }
            return new Alert(a.action(), key, a.summary(), a.source(),
                    rule.severity() != null ? rule.severity() : a.severity(), a.component(), a.group(), a.type(),
                    details, allLinks, a.images(), a.timestamp());
        }
    }

}
