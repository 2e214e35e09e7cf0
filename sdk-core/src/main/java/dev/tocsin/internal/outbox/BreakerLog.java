package dev.tocsin.internal.outbox;

import dev.tocsin.internal.report.Counters;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the listeners every turn of a lane's circuit breaker, and the log when it opened and when it closed. */
final class BreakerLog {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private BreakerLog() {
    }

    static void listen(CircuitBreaker breaker, String lane, Counters counters) {
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.StateTransition change = e.getStateTransition();
            String state = change.getToState().name();
            // While a destination stays down, every probe half-opens the breaker and a failed one opens it again:
            // those turns are for the listeners and DEBUG; the log tells when it opened and when it closed.
            if (change.getToState() == CircuitBreaker.State.HALF_OPEN
                    || change.getFromState() == CircuitBreaker.State.HALF_OPEN
                    && change.getToState() == CircuitBreaker.State.OPEN) {
                LOG.debug("tocsin: circuit breaker of {} is now {}", lane, state);
            } else {
                LOG.info("tocsin: circuit breaker of {} is now {}", lane, state);
            }
            counters.breakerStateChanged(lane, state);
        });
    }
}
