package dev.tocsin.event;


/**
 * How one submitted event ended. With several destinations, the result is {@link Status#DELIVERED} only when
 * every destination took the event; otherwise it is the first other outcome.
 *
 * @param status how it ended
 * @param dedupKey the dedup key the event was sent with; {@code null} for change events and for events
 *     dropped before a key was derived
 * @param detail a human-readable reason for any status but {@code DELIVERED}; never holds a secret
 */
public record DeliveryResult(Status status, String dedupKey, String detail) {

    /** The outcomes of a submission. */
    public enum Status {
        /** Every destination answered with success. */
        DELIVERED,
        /**
         * A repeat inside the storm window: counted and folded into the window's single update; or a new alert
         * folded into its lane's flood summary.
         */
        COALESCED,
        /** Not sent on purpose: a rule or a maintenance window suppressed it (counted in {@code suppressed}). */
        SUPPRESSED,
        /** A destination refused it for good (4xx); retrying would not help. */
        REJECTED,
        /** Not accepted: the intake queue or a lane's buffer was full, or the client was closed. */
        DROPPED,
        /** Not delivered before its delivery deadline, or its lane stopped (TLS failure). */
        DEAD_LETTERED,
        /** Still pending when {@code Tocsin.close()} gave up waiting. */
        ABANDONED
    }

    public boolean delivered() {
        return status == Status.DELIVERED;
    }
}
