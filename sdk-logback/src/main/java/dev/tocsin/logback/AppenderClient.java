package dev.tocsin.logback;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.DaemonThreads;
import dev.tocsin.spi.PendingAlert;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The client a {@link TocsinAppender} sends to, between its start and stop: one shared with it (never closed
 * here), one it built (closed by {@link #close()}), or one it builds later — deferred while SLF4J initialises,
 * since a client built then would log into SLF4J's replay queue.
 *
 * <p>A deferred client is built by the short-lived daemon thread {@code tocsin-appender-start} once SLF4J is
 * ready (after at most {@link #MAX_WAIT}), never on a logging thread. Events that page before then are held, up to
 * {@link #HELD}, and passed on in order when the client exists. Thread-safe: the logging thread reads one volatile
 * field and makes at most one bounded offer (and, in the moment of the hand-over, passes held events on);
 * building, hand-over and closing take a lock.
 */
final class AppenderClient {
    /** Events held while a deferred client is being built. */
    static final int HELD = 1_000;
    /** The longest a deferred build waits for SLF4J to finish initialising. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ReentrantLock lock = new ReentrantLock();
    private final Consumer<RuntimeException> buildFailed;
    private final Consumer<Tocsin> switched;
    private final BlockingQueue<PendingAlert> held = new ArrayBlockingQueue<>(HELD);
    private volatile Tocsin current;
    private volatile Tocsin.Builder deferred;
    private boolean owned;
    /** Builds and closes a deferred client at JVM exit if events are held for it; gone once it is built. */
    private Thread exitHook;

    /**
     * @param buildFailed told when building fails (the client is then a no-op)
     * @param switched told of each client that takes over after {@link #open}: a deferred build, a hand-over
     */
    AppenderClient(Consumer<RuntimeException> buildFailed, Consumer<Tocsin> switched) {
        this.buildFailed = buildFailed;
        this.switched = switched;
    }

    /**
     * Starts with a shared client, or builds one of its own now, or — when {@code notYet} says SLF4J is still
     * initialising — on the {@code tocsin-appender-start} thread once it no longer does.
     *
     * @param closeOnExit whether a deferred client still unbuilt when the JVM exits is built then and closed,
     *     delivering what is held (once built, the client's own exit hook follows the builder's setting)
     */
    void open(Tocsin shared, Tocsin.Builder own, BooleanSupplier notYet, boolean closeOnExit) {
        lock.lock();
        try {
            owned = false;
            deferred = null;
            held.clear();
            if (shared != null) {
                current = shared;
            } else if (notYet.getAsBoolean()) {
                current = null;
                deferred = own;
                if (closeOnExit) {
                    hookExit();
                }
                DaemonThreads.thread("tocsin-appender-start", () -> buildWhenReady(own, notYet)).start();
            } else {
                current = build(own);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers one event: to the client, or into the bounded hold while a deferred client is built. Never blocks.
     *
     * @return false if it was not taken (a full queue or hold, or a closed appender)
     */
    boolean offer(PendingAlert alert) {
        Tocsin client = current;
        if (client != null) {
            return client.offer(alert);
        }
        if (deferred == null || !held.offer(alert)) {
            return false;
        }
        client = current;
        if (client != null) {
            passHeldTo(client); // the build finished meanwhile and may have passed the hold on before this event
        }
        return true;
    }

    /** The client as it is; {@code null} before a deferred build or after close. */
    Tocsin peek() {
        return current;
    }

    private void buildWhenReady(Tocsin.Builder own, BooleanSupplier notYet) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (deferred == own && notYet.getAsBoolean() && deadline - System.nanoTime() > 0) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        lock.lock();
        try {
            buildDeferred(own);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: builds the deferred client if it is still wanted, and passes the hold on to it. */
    private void buildDeferred(Tocsin.Builder own) {
        if (current != null || deferred != own || own == null) {
            return;
        }
        Tocsin client = build(own);
        current = client;
        deferred = null;
        unhookExit(); // the client has its own exit hook from here on
        switched.accept(client);
        passHeldTo(client);
    }

    /**
     * A JVM that exits before the deferred client exists (a {@code main} that logs an error and returns at once)
     * would lose what is held: the hook builds the client and closes it, delivering what is held first.
     */
    private void hookExit() {
        Thread hook = new Thread(() -> {
            lock.lock();
            try {
                Tocsin.Builder pending = deferred;
                if (pending != null && !held.isEmpty()) {
                    buildDeferred(pending);
                }
                // built during the exit (here, or by the build thread just now), the client could not add its
                // own hook; closing twice is harmless
                closeOwned();
            } finally {
                lock.unlock();
            }
        }, "tocsin-appender-exit");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            exitHook = hook;
        } catch (IllegalStateException | SecurityException e) {
            exitHook = null; // shutting down already, or not allowed: the build thread is the only way
        }
    }

    private void unhookExit() {
        Thread hook = exitHook;
        exitHook = null;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | SecurityException e) {
                // the JVM is exiting: the hook runs, finds nothing deferred, and returns
            }
        }
    }

    private void passHeldTo(Tocsin client) {
        for (PendingAlert alert = held.poll(); alert != null; alert = held.poll()) {
            client.offer(alert);
        }
    }

    private Tocsin build(Tocsin.Builder own) {
        try {
            Tocsin client = own.build();
            owned = true;
            return client;
        } catch (RuntimeException e) {
            buildFailed.accept(e);
            return Tocsin.noop();
        }
    }

    /** Moves to a shared client; one this built is closed (events already offered to it are delivered first). */
    void handOver(Tocsin shared) {
        lock.lock();
        try {
            closeOwned();
            deferred = null;
            unhookExit();
            current = shared;
            switched.accept(shared);
            passHeldTo(shared);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the client this built, delivering what is pending within its shutdown timeout; a shared one stays.
     * A deferred client not built yet is built now if events are held for it, so they are delivered too.
     */
    void close() {
        lock.lock();
        try {
            Tocsin.Builder pending = deferred;
            if (pending != null && !held.isEmpty()) {
                buildDeferred(pending);
            }
            closeOwned();
            deferred = null;
            unhookExit();
            current = null;
            held.clear();
        } finally {
            lock.unlock();
        }
    }

    private void closeOwned() {
        if (owned && current != null) {
            current.close();
        }
        owned = false;
    }
}
