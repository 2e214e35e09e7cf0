package dev.tocsin.logback;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resolves log-born incidents after a quiet period: a key that has not fired for {@code quiet} is resolved.
 * Sweeps on its own daemon thread, {@code tocsin-autoresolve}. Thread-safe.
 */
final class AutoResolver implements AutoCloseable {
    static final int MAX_KEYS = 10_000;

    private volatile Tocsin tocsin;
    private final Duration quiet;
    private final Clock clock;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    AutoResolver(Tocsin tocsin, Duration quiet, Clock clock) {
        this.tocsin = tocsin;
        this.quiet = quiet;
        this.clock = clock;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tocsin-autoresolve"));
        long period = Math.max(100, Math.min(quiet.toMillis() / 10, 1_000)); // a cheap sweep of a bounded map
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void useClient(Tocsin client) {
        this.tocsin = client;
    }

    void observed(String key) {
        if (lastSeen.size() < MAX_KEYS || lastSeen.containsKey(key)) {
            lastSeen.put(key, clock.instant());
        }
    }

    /** Resolves every key quiet for the whole period. */
    void sweep() {
        Instant cutoff = clock.instant().minus(quiet);
        lastSeen.forEach((key, seen) -> {
            if (!seen.isAfter(cutoff) && lastSeen.remove(key, seen)) {
                tocsin.resolve(key);
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
