package dev.tocsin.logback;

import dev.tocsin.Tocsin;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The client a {@link TocsinAppender} sends to, between its start and stop: one shared with it (never closed
 * here), one it built (closed by {@link #close()}), or one it builds when the first event pages — deferred while
 * SLF4J initialises, since a client built then would log into SLF4J's replay queue. Thread-safe: the logging
 * thread reads one volatile field; building, hand-over and closing take a lock.
 */
final class AppenderClient {
    private final ReentrantLock lock = new ReentrantLock();
    private final Consumer<RuntimeException> buildFailed;
    private final Consumer<Tocsin> switched;
    private volatile Tocsin current;
    private Tocsin.Builder deferred;
    private boolean owned;

    /**
     * @param buildFailed told when building fails (the client is then a no-op)
     * @param switched told of each client that takes over after {@link #open}: a deferred build, a hand-over
     */
    AppenderClient(Consumer<RuntimeException> buildFailed, Consumer<Tocsin> switched) {
        this.buildFailed = buildFailed;
        this.switched = switched;
    }

    /** Starts with a shared client, or builds one of its own now, or when it is first asked for. */
    void open(Tocsin shared, Tocsin.Builder own, boolean buildLater) {
        lock.lock();
        try {
            owned = false;
            deferred = null;
            if (shared != null) {
                current = shared;
            } else if (buildLater) {
                current = null;
                deferred = own;
            } else {
                current = build(own);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client to send to, built now if it was deferred; {@code null} once closed. */
    Tocsin get() {
        Tocsin client = current;
        return client != null ? client : buildDeferred();
    }

    /** The client as it is, without building; {@code null} before a deferred build or after close. */
    Tocsin peek() {
        return current;
    }

    private Tocsin buildDeferred() {
        lock.lock();
        try {
            if (current == null && deferred != null) {
                current = build(deferred);
                deferred = null;
                switched.accept(current);
            }
            return current;
        } finally {
            lock.unlock();
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
            current = shared;
            switched.accept(shared);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the client this built, delivering what is pending within its shutdown timeout; a shared one stays. */
    void close() {
        lock.lock();
        try {
            closeOwned();
            deferred = null;
            current = null;
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
