package dev.tocsin.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: a uniform wait in {@code [0, min(max, initial × 2^(n-1))]}. */
final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (1 for the first retry). */
    Duration delay(int attempt) {
        return Duration.ofNanos((long) (random.getAsDouble() * ceiling(attempt)));
    }

    /** The upper bound of the wait before retry number {@code attempt}. */
    long ceiling(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long ceiling = initialNanos << shift;
        return ceiling <= 0 || ceiling >>> shift != initialNanos ? maxNanos : Math.min(ceiling, maxNanos);
    }
}
