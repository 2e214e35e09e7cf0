package dev.tocsin.internal.report;

import dev.tocsin.internal.text.Throwables;
import dev.tocsin.spi.TocsinListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client's counters, and the fan-out of each count to the listeners. Thread-safe. */
public final class Counters {
    private static final Logger LOG = LoggerFactory.getLogger(Counters.class);

    public final LongAdder accepted = new LongAdder();
    public final LongAdder delivered = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder rejected = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder coalesced = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    public final LongAdder dispatcherRestarts = new LongAdder();
    public final LongAdder suppressed = new LongAdder();
    public final LongAdder folded = new LongAdder();
    public final LongAdder ruleErrors = new LongAdder();
    private final List<TocsinListener> listeners;

    public Counters(List<TocsinListener> listeners) {
        this.listeners = listeners;
    }

    public void accepted() {
        accepted.increment();
        tell(TocsinListener::accepted);
    }

    public void dropped(String reason) {
        dropped.increment();
        tell(l -> l.dropped(reason));
    }

    public void coalesced() {
        coalesced.increment();
        tell(TocsinListener::coalesced);
    }

    /** A trigger suppressed on purpose, by a {@code rule} or a {@code maintenance} window. */
    public void suppressed(String reason) {
        suppressed.increment();
        tell(l -> l.suppressed(reason));
    }

    public void folded(String lane) {
        folded.increment();
        tell(l -> l.folded(lane));
    }

    public void ruleFailed() {
        ruleErrors.increment();
        tell(TocsinListener::ruleFailed);
    }

    public void delivered(String lane, Duration latency) {
        delivered.increment();
        tell(l -> l.delivered(lane, latency));
    }

    public void retried(String lane) {
        retried.increment();
        tell(l -> l.retried(lane));
    }

    public void rejected(String lane) {
        rejected.increment();
        tell(l -> l.rejected(lane));
    }

    public void deadLettered(String lane) {
        deadLettered.increment();
        tell(l -> l.deadLettered(lane));
    }

    /** A failure inside the SDK while processing an event or running the dispatch loop. */
    public void internalError() {
        internalErrors.increment();
        tell(TocsinListener::internalError);
    }

    public void dispatcherRestarted() {
        dispatcherRestarts.increment();
        tell(TocsinListener::dispatcherRestarted);
    }

    public void breakerStateChanged(String lane, String state) {
        tell(l -> l.breakerStateChanged(lane, state));
    }

    public void tell(Consumer<TocsinListener> call) {
        for (TocsinListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (Throwable e) { // a listener's bug must not reach the dispatch loop
                LOG.warn("tocsin: listener {} failed", listener.getClass().getName(), Throwables.loggable(e));
            }
        }
    }
}
