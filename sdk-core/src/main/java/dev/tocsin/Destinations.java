package dev.tocsin;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Peers;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Routing helpers. The common policy: critical (service down, data loss) and error (degraded) page; warning
 * (a non-critical error spike) and info go to chat only:
 *
 * <pre>{@code
 * Tocsin.builder()
 *     .destination(Destinations.forSeverities(PagerDutyDestination.of(key), Severity.CRITICAL, Severity.ERROR))
 *     .destination(Destinations.forSeverities(SlackDestination.of(hook), Severity.WARNING, Severity.INFO))
 * }</pre>
 */
public final class Destinations {
    private Destinations() {
    }

    /**
     * A destination that takes only triggers of the given severities; acknowledges and resolves pass to it
     * whatever their severity, since they carry none of their own.
     */
    public static Destination forSeverities(Destination destination, Severity first, Severity... more) {
        return new BySeverity(destination, EnumSet.of(first, more));
    }

    /** The peers of a cluster, each taking only triggers of the given severities, as above. */
    public static Peers forSeverities(Peers cluster, Severity first, Severity... more) {
        Objects.requireNonNull(cluster, "tocsin: forSeverities needs a cluster");
        Set<Severity> severities = EnumSet.of(first, more);
        List<Destination> peers = cluster.peers().stream()
                .map(p -> (Destination) new BySeverity(p, severities)).toList();
        return new Cluster(peers, cluster + " for " + severities);
    }

    private record Cluster(List<Destination> peers, String description) implements Peers {
        @Override
        public String toString() {
            return description;
        }
    }

    /** Forwards everything but the triggers it does not take; the re-send policy is the inner destination's. */
    private record BySeverity(Destination inner, Set<Severity> severities) implements Destination {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String laneKey() {
            return inner.laneKey();
        }

        private boolean takes(Alert a) {
            return a.action() != Action.TRIGGER || severities.contains(a.severity());
        }

        @Override
        public WireRequest encode(Alert alert) {
            return takes(alert) ? inner.encode(alert) : null;
        }

        @Override
        public WireRequest encode(ChangeEvent event) {
            return inner.encode(event);
        }

        @Override
        public String describeRefusal(int status, String body) {
            return inner.describeRefusal(status, body);
        }

        /** The inner destination's policy, but for alerts as of a time, which pass the same filter. */
        @Override
        public Resending resending() {
            Resending policy = inner.resending();
            return policy == null ? null : new FilteredResending(policy, this::takes);
        }
    }

    private record FilteredResending(Resending inner, java.util.function.Predicate<Alert> takes) implements Resending {
        @Override
        public WireRequest encodeAt(Alert alert, java.time.Instant now) {
            return takes.test(alert) ? inner.encodeAt(alert, now) : null;
        }

        @Override
        public WireRequest reissue(WireRequest stored) {
            return inner.reissue(stored);
        }

        @Override
        public WireRequest reissue(WireRequest request, java.time.Instant now) {
            return inner.reissue(request, now);
        }

        @Override
        public java.time.Duration resendInterval() {
            return inner.resendInterval();
        }

        @Override
        public java.time.Duration resendResolvedFor() {
            return inner.resendResolvedFor();
        }

        @Override
        public List<Alert> standingAlerts() {
            return inner.standingAlerts();
        }
    }
}
