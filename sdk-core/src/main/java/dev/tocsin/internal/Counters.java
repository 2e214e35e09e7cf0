package dev.tocsin.internal;

import dev.tocsin.spi.TocsinListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client's counters, and the fan-out of each count to the listeners. Thread-safe. */
final class Counters {
    private static final Logger LOG = LoggerFactory.getLogger(Counters.class);

    final LongAdder accepted = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder coalesced = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder internalErrors = new LongAdder();
    final LongAdder dispatcherRestarts = new LongAdder();
    private final List<TocsinListener> listeners;

    Counters(List<TocsinListener> listeners) {
        this.listeners = listeners;
    }

    void accepted() {
        accepted.increment();
        tell(TocsinListener::accepted);
    }

    void dropped(String reason) {
        dropped.increment();
        tell(l -> l.dropped(reason));
    }

    void coalesced() {
        coalesced.increment();
        tell(TocsinListener::coalesced);
    }

    void delivered(String lane, Duration latency) {
        delivered.increment();
        tell(l -> l.delivered(lane, latency));
    }

    void retried(String lane) {
        retried.increment();
        tell(l -> l.retried(lane));
    }

    void rejected(String lane) {
        rejected.increment();
        tell(l -> l.rejected(lane));
    }

    void deadLettered(String lane) {
        deadLettered.increment();
        tell(l -> l.deadLettered(lane));
    }

    /** A failure inside the SDK while processing an event or running the dispatch loop. */
    void internalError() {
        internalErrors.increment();
        tell(TocsinListener::internalError);
    }

    void dispatcherRestarted() {
        dispatcherRestarts.increment();
        tell(TocsinListener::dispatcherRestarted);
    }

    void breakerStateChanged(String lane, String state) {
        tell(l -> l.breakerStateChanged(lane, state));
    }

    void tell(Consumer<TocsinListener> call) {
        for (TocsinListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) { // a listener's bug must not reach the dispatch loop
                LOG.warn("tocsin: listener {} failed", listener.getClass().getName(), Throwables.loggable(e));
            }
        }
    }
}
