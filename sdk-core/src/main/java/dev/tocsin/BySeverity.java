package dev.tocsin;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import java.util.Set;

/**
 * {@link Destinations#forSeverities}: forwards everything but the triggers it does not take; the re-send policy is
 * the inner destination's, filtered the same way.
 */
record BySeverity(Destination inner, Set<Severity> severities) implements Destination {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String laneKey() {
        return inner.laneKey();
    }

    /** Acknowledges and resolves, triggers of its severities, and the destination's own standing alerts. */
    private boolean takes(Alert a) {
        return a.action() != Action.TRIGGER || severities.contains(a.severity()) || standing(a);
    }

    /** A Watchdog is the destination's own: it keeps firing whatever the filter, or the dead-man's switch trips. */
    private boolean standing(Alert a) {
        Resending policy = inner.resending();
        return policy != null && a.dedupKey() != null
                && policy.standingAlerts().stream().anyMatch(s -> a.dedupKey().equals(s.dedupKey()));
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
