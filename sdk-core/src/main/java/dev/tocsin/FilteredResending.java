package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import java.util.List;

/** A destination's re-send policy for {@link BySeverity}: alerts as of a time pass the same severity filter. */
record FilteredResending(Resending inner, java.util.function.Predicate<Alert> takes) implements Resending {
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
