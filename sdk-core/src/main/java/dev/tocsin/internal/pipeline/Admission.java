package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.intake.Submission;
import dev.tocsin.internal.outbox.Settlement;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.rules.Lru;
import dev.tocsin.internal.rules.Maintenance;
import dev.tocsin.internal.rules.Routes;
import dev.tocsin.internal.rules.RuleEngine;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.spi.PendingAlert;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dispatch loop does with each submission it takes off the intake queue: settles a shed one, stamps,
 * normalises, folds repeats into their storm window (a pending alert's before it is ever built), and routes the
 * rest into every lane. Dispatch thread only.
 */
final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final Normalizer normalizer;
    private final StormCoalescer coalescer;
    private final Router router;
    private final Counters counters;
    private final Executor callbacks;
    private final Runnable onSettled;
    private final int lanes;
    private final RuleEngine rules;
    private final Maintenance maintenance;
    private final Routes routes;
    private final java.time.Duration stormWindow;
    /**
     * With rules: what they made of the first occurrence of a repeat, by its dedup key and the MDC values they read
     * (the key it was sent with, or the rule that suppressed it), so that a storm's repeats are folded before they are
     * built, as without rules. Within a storm window, repeats of one key follow their first occurrence's decision.
     */
    private final Map<String, Object> stormDecisions = Lru.map(10_000);
    /** Keys whose triggers were all suppressed so far: their acknowledges and resolves are settled here. */
    private final Map<String, Boolean> neverSent = Lru.map(10_000);
    /** What the last trigger {@link #acceptAlert} handled came to, for {@link #stormDecisions}; {@code null}: none. */
    private Object lastDecision;

    Admission(Normalizer normalizer, StormCoalescer coalescer, Router router, Counters counters, Executor callbacks,
            Runnable onSettled, int lanes, RuleEngine rules, Maintenance maintenance, Routes routes,
            java.time.Duration stormWindow) {
        this.stormWindow = stormWindow;
        this.rules = rules;
        this.maintenance = maintenance;
        this.routes = routes;
        this.normalizer = normalizer;
        this.coalescer = coalescer;
        this.router = router;
        this.counters = counters;
        this.callbacks = callbacks;
        this.onSettled = onSettled;
        this.lanes = lanes;
    }

    void accept(Submission taken, Instant now) {
        if (taken.wasShed()) {
            String why = "shed for a more severe event"; // the intake queue was full; see Intake
            counters.dropped(why);
            Settlement.complete(taken.result(), callbacks, new DeliveryResult(Status.DROPPED, null, why));
            onSettled.run();
            return;
        }
        Submission s = taken.acceptedAt() != null ? taken
                : new Submission(taken.event(), taken.error(), now, taken.bytes(), taken.result(), taken.rank());
        if (s.event() instanceof ChangeEvent change) {
            ChangeEvent event = normalizer.change(change);
            router.change(event, s.acceptedAt(), new Settlement(s.result(), callbacks, onSettled, null, lanes));
        } else if (s.event() instanceof PendingAlert pending) {
            acceptPending(s, pending, now);
        } else {
            acceptAlert(s, (Alert) s.event(), s.error(), Map.of(), now);
        }
    }

    /**
     * A pending alert: a repeat inside its storm window is counted before it is ever built, unless the client has
     * rules, which may route, re-key or suppress two events of one key differently (by their MDC, say).
     */
    private void acceptPending(Submission s, PendingAlert pending, Instant now) {
        String key = pending.dedupKey();
        String memo = null;
        if (!rules.isEmpty()) {
            memo = key == null ? null : memo(key, s.rank(), pending);
            Object decided = memo == null ? null : stormDecisions.get(memo);
            if (decided instanceof String sentAs && coalescer.absorb(sentAs, s.rank(), now)) {
                counters.coalesced();
                settleRepeat(s, key, Status.COALESCED, "repeat inside the storm window");
                return;
            }
            if (decided instanceof Suppressed by && now.isBefore(by.until())) {
                counters.suppressed("rule");
                settleRepeat(s, key, Status.SUPPRESSED, "suppressed by rule '" + by.rule() + "'");
                return;
            }
            key = null; // built and judged in full; dedupKey() was still called once, as promised
        }
        // Windows are keyed by sanitized keys, and a sanitized key is its own sanitized form: try the key as given
        // first, so that a storm's repeats skip sanitizing.
        int rank = s.rank(); // the pending alert's own severity, as it told the intake queue
        if (key != null && (coalescer.absorb(key, rank, now) || coalescer.absorb(DedupKeys.sanitize(key), rank, now))) {
            counters.coalesced(); // a repeat in a storm: counted before any formatting or rendering
            if (s.result() == null) {
                onSettled.run();
            } else {
                new Settlement(s.result(), callbacks, onSettled, key, 1)
                        .settle(Status.COALESCED, "repeat inside the storm window");
            }
            return;
        }
        Alert raw = pending.toAlert();
        if (raw == null) {
            new Settlement(s.result(), callbacks, onSettled, null, 1).settle(Status.DELIVERED, null);
            return;
        }
        lastDecision = null;
        acceptAlert(s, raw, pending.error(), rules.isEmpty() ? Map.of() : context(pending), now);
        if (memo != null && lastDecision != null) {
            stormDecisions.put(memo, lastDecision);
        }
    }

    /**
     * The key of a repeat's decision: its dedup key, its severity (a critical repeat of a suppressed error is judged
     * afresh) and the values of the MDC keys the rules read.
     */
    private String memo(String key, int rank, PendingAlert pending) {
        List<String> mdcKeys = rules.mdcKeys();
        StringBuilder b = new StringBuilder(key).append('\u0000').append(rank);
        if (mdcKeys.isEmpty()) {
            return b.toString();
        }
        Map<String, String> mdc = context(pending);
        for (String k : mdcKeys) {
            b.append('\u0000').append(mdc.get(k));
        }
        return b.toString();
    }

    private void settleRepeat(Submission s, String key, Status status, String why) {
        if (s.result() == null) {
            onSettled.run();
        } else {
            new Settlement(s.result(), callbacks, onSettled, key, 1).settle(status, why);
        }
    }

    /** A rule's suppression, remembered for a storm window. */
    private record Suppressed(String rule, Instant until) {
    }

    private static Map<String, String> context(PendingAlert pending) {
        Map<String, String> mdc = pending.context();
        return mdc == null ? Map.of() : mdc;
    }

    private void acceptAlert(Submission s, Alert raw, Throwable error, Map<String, String> mdc, Instant now) {
        Alert alert = normalizer.alert(raw, error);
        if (alert == null) {
            LOG.warn("tocsin: {} without a dedup key cannot be sent; ignored",
                    raw.action().name().toLowerCase(java.util.Locale.ROOT));
            counters.rejected("client");
            new Settlement(s.result(), callbacks, onSettled, null, 1).settle(Status.REJECTED, "dedup key required");
            return;
        }
        if (alert.action() != Action.TRIGGER) {
            acknowledgeOrResolve(s, alert);
            return;
        }
        Set<String> chosen = Set.of();
        if (!rules.isEmpty() || maintenance.any()) {
            // Rules first, so that a window sees the trigger as it would be sent (a rule may have raised its severity).
            EventFields fields = new EventFields(alert, error, mdc);
            RuleEngine.Outcome outcome = rules.evaluate(fields, now);
            if (outcome.alert() == null) {
                counters.suppressed("rule");
                suppressed(s, alert, "rule '" + outcome.suppressedBy() + "'");
                if (outcome.repeatable()) {
                    lastDecision = new Suppressed(outcome.suppressedBy(), now.plus(stormWindow));
                }
                return;
            }
            if (outcome.changed()) {
                Alert changed = normalizer.afterRules(outcome.alert()); // keys, links and notes the rules made, checked
                routes.alias(alert.dedupKey(), changed.dedupKey());
                alert = changed;
                fields = new EventFields(alert, error, mdc);
            }
            MaintenanceWindow window = maintenance.suppressing(fields, s.acceptedAt());
            if (window != null) {
                suppressed(s, alert, "maintenance window '" + window.name() + "'");
                return;
            }
            chosen = outcome.routes();
        }
        routes.route(alert, chosen);
        neverSent.remove(alert.dedupKey());
        lastDecision = alert.dedupKey();
        Alert send = coalescer.admit(alert, now);
        if (send == null) {
            counters.coalesced();
            new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), 1)
                    .settle(Status.COALESCED, "repeat inside the storm window");
            return;
        }
        router.alert(send, s.acceptedAt(),
                new Settlement(s.result(), callbacks, onSettled, send.dedupKey(), lanes));
    }

    /**
     * An acknowledge or resolve: never suppressed, so an incident that ends in a maintenance window is closed; sent
     * for every key a rule made of its key, to where its trigger went.
     */
    private void acknowledgeOrResolve(Submission s, Alert alert) {
        if (neverSent.containsKey(alert.dedupKey())) {
            if (alert.action() == Action.RESOLVE) {
                neverSent.remove(alert.dedupKey());
            }
            new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), 1).settle(Status.SUPPRESSED,
                    "its triggers were all suppressed: nothing to " + alert.action().name().toLowerCase(
                            java.util.Locale.ROOT));
            return;
        }
        Collection<String> keys = routes.keysFor(alert.dedupKey());
        if (alert.action() == Action.RESOLVE) {
            routes.resolved(alert.dedupKey());
        }
        Settlement settlement = new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(),
                lanes * keys.size());
        for (String key : keys) {
            coalescer.forget(key);
            Alert each = key.equals(alert.dedupKey()) ? alert : alert.toBuilder().dedupKey(key).build();
            router.alert(each, s.acceptedAt(), settlement);
            if (alert.action() == Action.RESOLVE) {
                routes.forget(key); // the incident is over: its next trigger is routed afresh
            }
        }
    }

    /** Settles a suppressed trigger; the window or the caller has counted it. */
    private void suppressed(Submission s, Alert alert, String by) {
        if (!routes.sent(alert.dedupKey())) {
            neverSent.put(alert.dedupKey(), Boolean.TRUE); // its acknowledge or resolve would be noise
        }
        new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), 1).settle(Status.SUPPRESSED,
                "suppressed by " + by);
    }
}
