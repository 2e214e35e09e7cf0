package dev.tocsin.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer of an Alertmanager cluster: a lane of its own. Every send is made again as of its send time
 * ({@link #reissue(WireRequest, Instant)}); a resolve first asks the peer for the alerts it holds under the same
 * dedup key, service and static labels, and resolves those too, so that it ends its trigger even when this client
 * did not send it (a previous run) or no longer knows its labels. Thread-safe; its only state is the look-ups under
 * way.
 */
final class AlertmanagerPeer implements Destination, Resending {
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerPeer.class);
    /** A finished look-up older than this (on the client's clock) is not used: a new one is made. */
    static final Duration FRESH = Duration.ofSeconds(30);
    /** Past this many remembered look-ups, the finished ones are forgotten (a resolve given up meanwhile). */
    static final int MAX_LOOKUPS = 1024;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final URI alerts;
    private final AlertmanagerPayloads payloads;
    private final ActiveAlerts active;
    private final Duration resendInterval;
    private final Duration resolvedFor;
    private final List<Alert> standing;
    private final String name;
    private final Map<URI, Lookup> lookups = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    AlertmanagerPeer(URI base, AlertmanagerPayloads payloads, ActiveAlerts active, Duration resendInterval,
            Duration resolvedFor, List<Alert> standing) {
        this.alerts = URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/alerts");
        this.payloads = payloads;
        this.active = active;
        this.resendInterval = resendInterval;
        this.resolvedFor = resolvedFor;
        this.standing = standing;
        this.name = "alertmanager(" + base.getHost() + ":" + base.getPort() + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String laneKey() {
        return "alertmanager:" + alerts;
    }

    /** The request as of the alert's own time; the client uses {@link #encodeAt}, with its clock's now. */
    @Override
    public WireRequest encode(Alert alert) {
        if (alert.timestamp() == null) {
            throw new IllegalArgumentException("tocsin: an alert for Alertmanager needs its time; the client sets it");
        }
        return encodeAt(alert, alert.timestamp());
    }

    /**
     * The request as of {@code now} (routing time): a firing alert starts at its own time and ends 4 intervals from
     * now; a resolve starts and ends now. Each send makes it again as of the send time
     * ({@link #reissue(WireRequest, Instant)}).
     */
    @Override
    public WireRequest encodeAt(Alert alert, Instant now) {
        if (alert.action() == Action.ACKNOWLEDGE) {
            return null; // Alertmanager has no acknowledgement; silences are a person's decision
        }
        return new WireRequest(alerts, payloads.encode(alert, now), Map.of());
    }

    @Override
    public Resending resending() {
        return this;
    }

    /**
     * The request as of {@code now}: a firing alert ends 4 intervals from now, whenever it was encoded (a request
     * that waited through a peer's outage would otherwise arrive already ended, and the peer would notify
     * "resolved" for an alert still firing). A resolve waits ({@code null}) for the peer's answer to its look-up.
     */
    @Override
    public WireRequest reissue(WireRequest request, Instant now) {
        ArrayNode batch = AlertmanagerPayloads.read(request.body());
        if (batch == null) {
            return request; // not a body of this destination's making
        }
        List<JsonNode> held = List.of();
        if (AlertmanagerPayloads.isResolve(batch)) {
            held = heldFor(batch, now);
            if (held == null) {
                return null;
            }
        }
        return new WireRequest(request.uri(), payloads.asOf(batch, now, held), request.headers());
    }

    /** The alerts this peer holds that a resolve also ends; {@code null} while the look-up is under way. */
    private List<JsonNode> heldFor(ArrayNode resolve, Instant now) {
        Map<String, String> identity = payloads.labels().identity(AlertmanagerPayloads.labelsOf(resolve));
        if (!identity.containsKey("dedup_key")) {
            return List.of();
        }
        URI query = ActiveAlerts.query(alerts, identity);
        Lookup lookup = lookups.get(query);
        if (lookup != null && lookup.answer.isDone()) {
            lookups.remove(query);
            if (!lookup.startedAt.isBefore(now.minus(FRESH))) {
                return found(lookup);
            }
            lookup = null; // an old answer: ask again
        }
        if (lookup == null) {
            if (lookups.size() >= MAX_LOOKUPS) {
                lookups.values().removeIf(l -> l.answer.isDone());
            }
            lookups.put(query, new Lookup(now, active.matching(alerts, identity)));
        }
        return null;
    }

    private List<JsonNode> found(Lookup lookup) {
        try {
            return lookup.answer.join();
        } catch (RuntimeException e) {
            long at = System.nanoTime();
            long last = lastWarning.get();
            if (at - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, at)) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                LOG.warn("tocsin: could not ask {} which alerts it holds ({}); a resolve goes out in the labels this "
                        + "client knows, which after a restart may not be its trigger's", name, cause.toString());
            }
            return List.of();
        }
    }

    @Override
    public WireRequest encode(ChangeEvent event) {
        return null;
    }

    @Override
    public Duration resendInterval() {
        return resendInterval;
    }

    @Override
    public Duration resendResolvedFor() {
        return resolvedFor;
    }

    @Override
    public List<Alert> standingAlerts() {
        return standing;
    }

    @Override
    public String toString() {
        return name;
    }

    private record Lookup(Instant startedAt, CompletableFuture<List<JsonNode>> answer) {
    }
}
