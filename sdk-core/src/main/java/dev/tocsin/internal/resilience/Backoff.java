package dev.tocsin.internal.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: retry {@code n} waits a uniform time in {@code [c/2, c]}, where
 * {@code c = min(max, initial × 2^(n-1))}. The jitter spreads a fleet of clients that failed together; the floor of
 * half the ceiling keeps a lane whose destination stays down to one probe every {@code max/2} at most, while
 * {@code max} bounds how long a recovered destination waits for the next probe.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long ceiling = ceiling(attempt);
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /** The upper bound of the wait before retry number {@code attempt}. */
    long ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long ceiling = initialNanos << shift;
        return ceiling <= 0 || ceiling >>> shift != initialNanos ? maxNanos : Math.min(ceiling, maxNanos);
    }
}
