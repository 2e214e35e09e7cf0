package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.outbox.Delivery;
import dev.tocsin.internal.outbox.Lane;
import dev.tocsin.internal.outbox.Persistence;
import dev.tocsin.internal.outbox.Settlement;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.rules.FloodGate;
import dev.tocsin.internal.rules.Routes;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.spi.WireRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Puts a normalised event into every lane: encodes it for each destination, stores it (spool or memory) and
 * queues it. A failure of one destination's encoder, or of the store, settles that lane's part of the event as
 * dropped; the other lanes still get theirs. Dispatch thread only.
 */
final class Router {
    private final List<Lane> lanes;
    private final Clock clock;
    private final Duration deliveryDeadline;
    private final Persistence persistence;
    private final Counters counters;
    private final RateLimitedLog failures;
    private final Normalizer normalizer;
    private final Routes routes;
    /** Each lane's flood gate, parallel to {@link #lanes}; {@code null} entries when folding is off. */
    private final FloodGate[] gates;

    Router(List<Lane> lanes, Clock clock, Duration deliveryDeadline, Persistence persistence, Counters counters,
            RateLimitedLog failures, Normalizer normalizer, Routes routes, FloodGate[] gates) {
        this.lanes = lanes;
        this.routes = routes;
        this.gates = gates;
        this.normalizer = normalizer;
        this.clock = clock;
        this.deliveryDeadline = deliveryDeadline;
        this.persistence = persistence;
        this.counters = counters;
        this.failures = failures;
    }

    /**
     * An alert to the lanes of its route (each other lane's part settles at once); {@code acceptedAt} {@code null}
     * means now (an update the pipeline made). A lane in a flood folds a trigger of a new key into its summary.
     */
    void alert(Alert alert, Instant acceptedAt, Settlement settlement) {
        Instant now = clock.instant();
        Instant at = acceptedAt == null ? now : acceptedAt;
        String what = alert.action().name().toLowerCase(Locale.ROOT) + " " + alert.dedupKey();
        Set<Lane> targets = routes.lanesFor(alert);
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            if (!targets.contains(lane)) {
                settlement.settle(Status.DELIVERED, null); // not this lane's: its route goes elsewhere
                continue;
            }
            if (gates[i] != null && gates[i].fold(alert, now)) {
                if (alert.action() == Action.TRIGGER) {
                    counters.folded(lane.name);
                }
                settlement.settle(Status.COALESCED, alert.action() == Action.TRIGGER
                        ? "folded into the flood summary of " + lane.name
                        : "its trigger was folded into the flood summary of " + lane.name);
                continue;
            }
            offerEncoded(lane, () -> lane.encode(
                    lane.refresher == null ? alert : lane.refresher.track(alert, now), now),
                    what, alert.dedupKey(), Rank.of(alert), at, settlement);
        }
    }

    Routes routes() {
        return routes;
    }

    /** The flood summaries (triggers and resolves) due by {@code now}, each to its own lane. */
    void floods(Instant now, java.util.function.Function<Alert, Settlement> settlements) {
        for (int i = 0; i < lanes.size(); i++) {
            if (gates[i] == null) {
                continue;
            }
            for (Alert a : gates[i].due(now)) {
                Lane lane = lanes.get(i);
                Alert normalised = standing(a);
                // The summary stands for many alerts: it goes ahead of the lane's backlog of single ones.
                offerEncoded(lane, () -> lane.encode(normalised, now), "flood summary " + a.action().name()
                        .toLowerCase(Locale.ROOT), normalised.dedupKey(),
                        Math.max(Rank.CRITICAL, Rank.of(normalised)), now, settlements.apply(normalised));
            }
        }
    }

    /** When a flood summary is next due, or {@code null}. */
    Instant nextFloodDue() {
        Instant next = null;
        for (FloodGate g : gates) {
            Instant at = g == null ? null : g.nextDue();
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    /** How many lanes are in a flood now; read from any thread, approximately. */
    int flooding() {
        int n = 0;
        for (FloodGate g : gates) {
            n += g != null && g.flooding() ? 1 : 0;
        }
        return n;
    }

    /** A change event to every lane. */
    void change(ChangeEvent event, Instant acceptedAt, Settlement settlement) {
        for (Lane lane : lanes) {
            offerEncoded(lane, () -> lane.destination().encode(event), "change event", null, Rank.CHANGE,
                    acceptedAt, settlement);
        }
    }

    /** A re-send that one refreshing lane keeps alive, to that lane only. */
    void resend(Lane lane, Alert alert, Instant now, Settlement settlement) {
        offerEncoded(lane, () -> lane.encode(standing(alert), now),
                "re-send " + alert.action().name().toLowerCase(Locale.ROOT) + " " + alert.dedupKey(),
                alert.dedupKey(), Rank.of(alert), now, settlement);
    }

    /**
     * A standing alert (a Watchdog) comes from its destination, not through the pipeline: normalised here like every
     * other alert, so that it carries the client's source (the Watchdogs of two services are two alerts). Alerts
     * that came through the pipeline already have a source.
     */
    private Alert standing(Alert alert) {
        if (alert.source() != null) {
            return alert;
        }
        Alert normalised = normalizer.alert(alert, null);
        return normalised == null ? alert : normalised;
    }

    private void offerEncoded(Lane lane, Supplier<WireRequest> encoding, String what, String dedupKey, int rank,
            Instant acceptedAt, Settlement settlement) {
        WireRequest request;
        try {
            request = encoding.get();
        } catch (Throwable e) {
            internalFailure(settlement, "could not be encoded for " + lane.name, e, "encode:" + lane.name,
                    "tocsin: could not encode {} for {}; dropped", what, lane.name);
            return;
        }
        offer(lane, request, what, dedupKey, rank, acceptedAt, settlement);
    }

    private void offer(Lane lane, WireRequest request, String what, String dedupKey, int rank, Instant acceptedAt,
            Settlement settlement) {
        if (request == null) {
            settlement.settle(Status.DELIVERED, null); // this destination does not take this kind of event
            return;
        }
        Instant deadline = acceptedAt.plus(deliveryDeadline);
        long seq;
        try {
            seq = persistence.store(lane.key, what, acceptedAt, deadline, request);
        } catch (Throwable e) {
            internalFailure(settlement, "could not be stored", e, "store:" + lane.name,
                    "tocsin: could not store {} for {}; dropped", what, lane.name);
            return;
        }
        if (seq == Persistence.FULL) {
            lane.drop(what, settlement, "spool");
            return;
        }
        // Spooled, the spool's capacity is the bound: the lane keeps what its buffer cannot hold on disk only.
        if (seq < 0 && !lane.hasRoomFor(rank)) {
            lane.drop(what, settlement, "lane buffer");
            return;
        }
        lane.offer(new Delivery(request, what, dedupKey, rank, acceptedAt, deadline, settlement, seq));
    }

    /** A failure that cost one lane's part of an event: counted, reported, and that part settled as dropped. */
    private void internalFailure(Settlement settlement, String why, Throwable e, String topic, String message,
            Object... args) {
        counters.internalError();
        counters.dropped("internal error");
        try {
            failures.failure(topic, message, e, args);
        } finally {
            settlement.settle(Status.DROPPED, why + ": " + Throwables.summary(e));
        }
    }
}
