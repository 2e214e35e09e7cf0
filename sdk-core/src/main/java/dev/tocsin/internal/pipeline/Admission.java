package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.intake.Submission;
import dev.tocsin.internal.outbox.Settlement;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.spi.PendingAlert;
import java.time.Instant;
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

    Admission(Normalizer normalizer, StormCoalescer coalescer, Router router, Counters counters, Executor callbacks,
            Runnable onSettled, int lanes) {
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
            acceptAlert(s, (Alert) s.event(), s.error(), now);
        }
    }

    /** A pending alert: a repeat inside its storm window is counted before it is ever built. */
    private void acceptPending(Submission s, PendingAlert pending, Instant now) {
        String key = pending.dedupKey();
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
        acceptAlert(s, raw, pending.error(), now);
    }

    private void acceptAlert(Submission s, Alert raw, Throwable error, Instant now) {
        Alert alert = normalizer.alert(raw, error);
        if (alert == null) {
            LOG.warn("tocsin: {} without a dedup key cannot be sent; ignored",
                    raw.action().name().toLowerCase(java.util.Locale.ROOT));
            counters.rejected("client");
            new Settlement(s.result(), callbacks, onSettled, null, 1).settle(Status.REJECTED, "dedup key required");
            return;
        }
        if (alert.action() == Action.TRIGGER) {
            Alert send = coalescer.admit(alert, now);
            if (send == null) {
                counters.coalesced();
                new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), 1)
                        .settle(Status.COALESCED, "repeat inside the storm window");
                return;
            }
            alert = send;
        } else {
            coalescer.forget(alert.dedupKey());
        }
        router.alert(alert, s.acceptedAt(),
                new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), lanes));
    }
}
