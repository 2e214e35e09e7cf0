package dev.tocsin.spi;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;

/**
 * An alert whose construction is deferred to the client's own thread, for integrations on hot paths such as a
 * logging appender: the caller captures immutable data and offers it with
 * {@link dev.tocsin.Tocsin#offer(PendingAlert)}; formatting, fingerprinting and encoding happen later, off the
 * caller's thread.
 *
 * <p>Implementations must be immutable (or at least not change after the offer); {@link #toAlert()} is called
 * once, on {@code tocsin-dispatch}.
 */
public interface PendingAlert {

    /** Builds the alert; {@code null} means "nothing to send after all". */
    Alert toAlert();

    /**
     * The dedup key of the trigger {@link #toAlert()} would build, if it is cheaper to know first; {@code null}
     * if unknown. Called once per offer, on {@code tocsin-dispatch}, before {@link #toAlert()}; a repeat inside
     * its key's storm window is then counted without {@link #toAlert()} being called at all.
     */
    default String dedupKey() {
        return null;
    }

    /**
     * The severity the alert will have, if cheap to know; {@code null} if unknown, which counts as
     * {@link Severity#ERROR}. Used only to choose what to shed when the client's queues are full: a less severe
     * event is given up before a more severe one. Called on the caller's thread, during
     * {@link dev.tocsin.Tocsin#offer(PendingAlert)}, so it must be a field read, not a computation.
     */
    default Severity severity() {
        return null;
    }

    /**
     * The context the event was made in, for rules' {@code mdc.<key>} fields: a logging event's MDC. Empty if none.
     * Called on {@code tocsin-dispatch} only when the client has rules.
     */
    default java.util.Map<String, String> context() {
        return java.util.Map.of();
    }

    /** The failure to fingerprint and describe when the alert has no dedup key; {@code null} if none. */
    default Throwable error() {
        return null;
    }

    /** A cheap guess of the bytes this object retains while queued, for the intake queue's byte bound. */
    default long sizeEstimate() {
        return 1024;
    }
}
