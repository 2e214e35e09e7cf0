package dev.tocsin.internal.pipeline;

import dev.tocsin.spi.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;

/**
 * The {@code tocsin-dispatch} thread, and its successors. The loop it runs settles every failure of one event
 * and survives a failure of a whole iteration; it ends by a failure only if handling a failure fails in turn (a
 * logging back end that throws an {@link Error}, say). Delivery must not end for the life of the application,
 * so a new thread then takes over the same state, after a pause that grows with each restart (100 ms doubling
 * to 30 s; cut short by closing). Once closing is out of time, or no thread can be had, the dispatcher settles
 * what is left instead. Thread-safe.
 */
final class DispatchThread {
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final Runnable first;
    private final Runnable again;
    private final Runnable giveUp;
    private final ObjIntConsumer<Throwable> onRestart;
    private volatile Thread thread;
    private volatile long closeBy = Long.MAX_VALUE;
    private volatile boolean closing;
    private int restarts;

    /**
     * @param first what the first thread runs: the whole life of the loop
     * @param again what a successor runs: the loop from where it stopped
     * @param giveUp settles what is left when no successor can run; must not throw
     * @param onRestart told of each restart (the failure and the count so far) before the successor starts
     */
    DispatchThread(Runnable first, Runnable again, Runnable giveUp, ObjIntConsumer<Throwable> onRestart) {
        this.first = first;
        this.again = again;
        this.giveUp = giveUp;
        this.onRestart = onRestart;
    }

    void start() {
        begin(first, 0);
    }

    private void begin(Runnable body, long pauseNanos) {
        Thread t = DaemonThreads.thread("tocsin-dispatch", () -> {
            pause(pauseNanos);
            try {
                body.run();
            } catch (Throwable e) {
                restart(e);
            }
        });
        thread = t;
        t.start();
    }

    private void restart(Throwable cause) {
        int n = ++restarts;
        try {
            onRestart.accept(cause, n);
        } catch (Throwable ignored) {
            // reporting may be what fails; the restart matters more
        }
        if (outOfTime()) {
            giveUp.run();
            return;
        }
        try {
            begin(again, TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_PAUSE_MILLIS, 100L << Math.min(n - 1, 9))));
        } catch (Throwable e) { // no thread to be had (out of native threads, say)
            giveUp.run();
        }
    }

    private void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !outOfTime(); left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, closing ? Math.min(left, closeBy - System.nanoTime()) : left);
        }
    }

    /** Wakes the thread if it is parked. */
    void unpark() {
        LockSupport.unpark(thread);
    }

    /** Asks the loop to send what it has until {@code deadlineNanos} ({@link System#nanoTime()}), then stop. */
    void close(long deadlineNanos) {
        closeBy = deadlineNanos;
        closing = true;
        unpark();
    }

    boolean closing() {
        return closing;
    }

    /** Nanoseconds left until the close deadline; {@link Long#MAX_VALUE} while not closing. */
    long closeLeft() {
        return closing ? closeBy - System.nanoTime() : Long.MAX_VALUE;
    }

    boolean outOfTime() {
        return closing && System.nanoTime() - closeBy >= 0;
    }

    /** Waits for the thread, and for any successor started meanwhile, to end; {@code false} if one still runs. */
    boolean join(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == Thread.currentThread()) {
            return false; // closed from a callback on this thread: it will stop when the callback returns
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            Thread now = thread;
            if (now == t || now == Thread.currentThread() || System.nanoTime() - deadline >= 0) {
                return !now.isAlive();
            }
            t = now; // restarted meanwhile: wait for its successor
        }
    }
}
