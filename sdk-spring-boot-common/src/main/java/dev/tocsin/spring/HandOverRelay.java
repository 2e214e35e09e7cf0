package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The client that the appender and the uncaught-exception handler made before the context use: it forwards to
 * the early client, and then to the context's. While the one closes and the other opens ({@link #hold()} to
 * {@link #release(Tocsin)}) it holds what it is given, up to {@value #HOLD_LIMIT} calls, and passes them on in
 * order to the next client: with a spool, one directory takes one client at a time, so there is a moment with
 * none. Past the limit calls are dropped and counted, as a full queue would drop them.
 *
 * <p>Thread-safe. Calls never block on I/O: the lock is held only to forward or to queue one call. The relay owns
 * no client; {@link #close()} does nothing.
 */
final class HandOverRelay implements Tocsin {
    static final int HOLD_LIMIT = 1_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final LongAdder dropped = new LongAdder();
    private Tocsin target;
    private ArrayDeque<Consumer<Tocsin>> held; // non-null while holding

    HandOverRelay(Tocsin target) {
        this.target = target;
    }

    /** From now on, holds calls until {@link #release}. */
    void hold() {
        lock.lock();
        try {
            if (held == null) {
                held = new ArrayDeque<>();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Passes what was held to {@code next}, in order, and forwards to it from now on. */
    void release(Tocsin next) {
        lock.lock();
        try {
            target = next;
            ArrayDeque<Consumer<Tocsin>> calls = held;
            held = null;
            if (calls != null) {
                calls.forEach(call -> call.accept(next)); // each an offer that does not block
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Calls dropped because the hold was full. */
    long dropped() {
        return dropped.sum();
    }

    private CompletionStage<DeliveryResult> send(Function<Tocsin, CompletionStage<DeliveryResult>> call) {
        lock.lock();
        try {
            if (held == null) {
                return call.apply(target);
            }
            if (held.size() >= HOLD_LIMIT) {
                dropped.increment();
                return CompletableFuture.completedStage(new DeliveryResult(DeliveryResult.Status.DROPPED, null,
                        "dropped while the client was handed over to the application context's"));
            }
            CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
            held.add(t -> call.apply(t).whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(r);
                }
            }));
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(PendingAlert alert) {
        lock.lock();
        try {
            if (held == null) {
                return target.offer(alert);
            }
            if (held.size() >= HOLD_LIMIT) {
                dropped.increment();
                return false;
            }
            held.add(t -> t.offer(alert));
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert) {
        return send(t -> t.trigger(alert));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
        return send(t -> t.trigger(summary, severity));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        return send(t -> t.trigger(alert, error));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
        return send(t -> t.trigger(summary, error));
    }

    @Override
    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return send(t -> t.acknowledge(dedupKey));
    }

    @Override
    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return send(t -> t.resolve(dedupKey));
    }

    @Override
    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        return send(t -> t.change(event));
    }

    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tocsin t = awaitRelease(deadline);
        return t != null && t.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public boolean persist(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tocsin t = awaitRelease(deadline);
        return t != null && t.persist(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** The client to wait on once nothing is held, or {@code null} if the deadline passes first. */
    private Tocsin awaitRelease(long deadline) {
        lock.lock();
        try {
            while (held != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                released.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TocsinStats stats() {
        lock.lock();
        try {
            return target.stats();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public java.util.List<String> destinationNames() {
        lock.lock();
        try {
            return target.destinationNames();
        } finally {
            lock.unlock();
        }
    }

    /** On the client it forwards to now: a window opened while the client is handed over stays with the old one. */
    @Override
    public dev.tocsin.rules.MaintenanceWindow maintenance(String name, Duration length,
            dev.tocsin.rules.Condition matcher) {
        lock.lock();
        try {
            return target.maintenance(name, length, matcher);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public java.util.List<dev.tocsin.rules.MaintenanceWindow> maintenanceWindows() {
        lock.lock();
        try {
            return target.maintenanceWindows();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        // The clients it forwards to belong to EarlyState and to the context, which close them.
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return target.toString();
        } finally {
            lock.unlock();
        }
    }
}
