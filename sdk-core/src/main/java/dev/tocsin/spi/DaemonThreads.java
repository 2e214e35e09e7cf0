package dev.tocsin.spi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads, for integrations and destinations that need a thread of their own: they never keep the
 * JVM alive, and their names say in a thread dump whose they are (Tocsin's own all start with {@code tocsin-}).
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A factory whose threads are all called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> start(r, name);
    }

    /** A factory whose threads are called {@code prefix-1}, {@code prefix-2} and so on. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> start(r, prefix + "-" + n.incrementAndGet());
    }

    /** A new, not yet started daemon thread running {@code body}. */
    public static Thread thread(String name, Runnable body) {
        return start(body, name);
    }

    private static Thread start(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
