package dev.tocsin;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
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
        public WireRequest encode(Alert alert, Instant now) {
            return takes(alert) ? inner.encode(alert, now) : null;
        }

        @Override
        public WireRequest encode(ChangeEvent event) {
            return inner.encode(event);
        }

        @Override
        public WireRequest reissue(WireRequest stored) {
            return inner.reissue(stored);
        }

        @Override
        public WireRequest reissue(WireRequest request, Instant now) {
            return inner.reissue(request, now);
        }

        @Override
        public String describeRefusal(int status, String body) {
            return inner.describeRefusal(status, body);
        }

        @Override
        public List<Destination> lanes() {
            List<Destination> lanes = inner.lanes();
            return lanes.size() == 1 && lanes.get(0) == inner ? List.of(this)
                    : lanes.stream().map(l -> (Destination) new BySeverity(l, severities)).toList();
        }

        @Override
        public Duration resendInterval() {
            return inner.resendInterval();
        }

        @Override
        public Duration resendResolvedFor() {
            return inner.resendResolvedFor();
        }

        @Override
        public List<Alert> standingAlerts() {
            return inner.standingAlerts();
        }
    }
}
