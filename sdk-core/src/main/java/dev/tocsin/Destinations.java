package dev.tocsin;

import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Peers;
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
 *
 * <p>The same policy as configuration, with named destinations, is {@link dev.tocsin.rules.SeverityPolicy}:
 * {@code .destination("pagerduty", pd).destination("slack", slack).severityPolicy(SeverityPolicy.of(Map.of("critical",
 * "pagerduty", "error", "pagerduty", "warning", "slack", "info", "slack")))}; it also lets rules route by other fields.
 */
public final class Destinations {
    private Destinations() {
    }

    /**
     * A destination that takes only triggers of the given severities; acknowledges and resolves pass to it
     * whatever their severity, since they carry none of their own.
     */
    public static Destination forSeverities(Destination destination, Severity first, Severity... more) {
        Objects.requireNonNull(destination, "tocsin: forSeverities needs a destination");
        return new BySeverity(destination, severities(first, more));
    }

    /** The peers of a cluster, each taking only triggers of the given severities, as above. */
    public static Peers forSeverities(Peers cluster, Severity first, Severity... more) {
        Objects.requireNonNull(cluster, "tocsin: forSeverities needs a cluster");
        Set<Severity> severities = severities(first, more);
        List<Destination> peers = cluster.peers().stream()
                .map(p -> (Destination) new BySeverity(p, severities)).toList();
        return new Cluster(peers, cluster + " for " + severities);
    }

    private static Set<Severity> severities(Severity first, Severity... more) {
        Objects.requireNonNull(first, "tocsin: forSeverities needs at least one severity");
        for (Severity s : more) {
            Objects.requireNonNull(s, "tocsin: forSeverities was given a null severity");
        }
        return EnumSet.of(first, more);
    }

    private record Cluster(List<Destination> peers, String description) implements Peers {
        @Override
        public String toString() {
            return description;
        }
    }
}
