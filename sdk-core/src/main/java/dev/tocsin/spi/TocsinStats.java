package dev.tocsin.spi;

/**
 * A snapshot of a client's counters and gauges. Counters count events since the client was built.
 *
 * @param accepted events taken into the intake queue
 * @param delivered deliveries a destination answered with success
 * @param retried failed sends that will be tried again
 * @param rejected deliveries a destination refused for good (4xx)
 * @param dropped events not taken: full queue or buffer, or a closed client
 * @param coalesced repeat triggers folded into a storm window
 * @param deadLettered deliveries that passed their deadline or whose lane stopped
 * @param queueDepth events waiting in the intake queue now
 * @param outboxDepth deliveries waiting in lanes now, in flight included
 * @param openBreakers lanes whose circuit breaker is open now
 * @param stoppedLanes lanes stopped for a failure that does not heal by itself (TLS)
 * @param spooled undelivered events in the disk spool now (0 without a spool)
 * @param spoolFailed whether the disk spool failed (read-only or full disk): events since are kept in memory
 *     only, a restart loses what is pending, and {@code persist()} waits for delivery instead
 * @param internalErrors failures inside the SDK while processing an event (the event is then dropped and
 *     counted in {@code dropped} too) or running its dispatch loop; any is a bug worth reporting
 * @param dispatcherRestarts times the dispatch thread ended unexpectedly and was started again
 * @param suppressed triggers a rule or a maintenance window suppressed (not sent, on purpose)
 * @param folded triggers folded into a flood summary instead of being sent one by one
 * @param floods lanes in a flood now (sending one summary alert instead of each new key)
 * @param maintenanceWindows maintenance windows open now
 * @param ruleErrors rule evaluations that failed (a regular expression that ran out of its budget, say); the rule
 *     then counts as not matching, and the event goes on
 */
public record TocsinStats(long accepted, long delivered, long retried, long rejected, long dropped,
        long coalesced, long deadLettered, int queueDepth, int outboxDepth, int openBreakers, int stoppedLanes,
        int spooled, boolean spoolFailed, long internalErrors, long dispatcherRestarts, long suppressed, long folded,
        int floods, int maintenanceWindows, long ruleErrors) {

    /** The stats of a client without rules, floods or maintenance windows (the form before they existed). */
    public TocsinStats(long accepted, long delivered, long retried, long rejected, long dropped, long coalesced,
            long deadLettered, int queueDepth, int outboxDepth, int openBreakers, int stoppedLanes, int spooled,
            boolean spoolFailed, long internalErrors, long dispatcherRestarts) {
        this(accepted, delivered, retried, rejected, dropped, coalesced, deadLettered, queueDepth, outboxDepth,
                openBreakers, stoppedLanes, spooled, spoolFailed, internalErrors, dispatcherRestarts, 0, 0, 0, 0, 0);
    }
}
