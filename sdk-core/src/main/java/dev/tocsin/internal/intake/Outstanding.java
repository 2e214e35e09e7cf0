package dev.tocsin.internal.intake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What {@code flush()} and {@code persist()} wait for: events submitted but not yet settled, and callers'
 * submissions not yet handled (refused, or taken and stored by the dispatch thread). Producers and the dispatch
 * thread count on separate adders, so that they never contend on one counter; waiters are signalled only while
 * there are any.
 */
public final class Outstanding {
    private final LongAdder submitted = new LongAdder();
    private final LongAdder settled = new LongAdder();
    /**
     * Callers' submissions, and those refused at once or taken and stored by the dispatch thread. Events the
     * pipeline makes itself (storm updates, re-sends) and events replayed from the spool count in neither: they are
     * nobody's submission.
     */
    private final LongAdder offered = new LongAdder();
    private final LongAdder handled = new LongAdder();
    private final AtomicInteger waiters = new AtomicInteger();
    /** The drop count the last {@link #dropsSince} saw. */
    private final AtomicLong dropsSeen = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** A caller's event was offered to the intake queue. */
    public void offered() {
        submitted.increment();
        offered.increment();
    }

    /** The pipeline made events of its own (storm updates, re-sends, replays): they settle like any other. */
    public void derived(long events) {
        submitted.add(events);
    }

    /** One event has its outcome. */
    public void settled() {
        settled.increment();
        if (waiters.get() > 0 && unsettled() == 0) {
            signal();
        }
    }

    /** {@code events} of the callers' submissions were refused, or stored by the dispatch thread. */
    public void handled(long events) {
        handled.add(events);
        if (waiters.get() > 0) {
            signal();
        }
    }

    /** Waits until every event submitted so far is settled. */
    public boolean awaitSettled(Duration timeout) {
        return await(timeout, () -> unsettled() > 0);
    }

    /** Waits until every caller's submission so far is handled. */
    public boolean awaitHandled(Duration timeout) {
        long target = offered.sum();
        return await(timeout, () -> handled.sum() < target);
    }

    /** Whether {@code drops} (a running count) moved since the previous call; the new count is taken as seen. */
    public boolean dropsSince(long drops) {
        return dropsSeen.getAndSet(drops) != drops;
    }

    private long unsettled() {
        return submitted.sum() - settled.sum();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean await(Duration timeout, BooleanSupplier pending) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiters.incrementAndGet();
        lock.lock();
        try {
            while (pending.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
            waiters.decrementAndGet();
        }
    }
}
