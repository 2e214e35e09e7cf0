package dev.tocsin.internal.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A lane's rate limit: at most {@code permits} sends in any window of {@code period}, which is how PagerDuty counts
 * its 120 events a minute (a sliding window). Up to half of that may go back to back, so that the backlog of an
 * outage, or the first alerts of an incident, leave at once instead of one every {@code period / permits}. Past the
 * burst, sends are spread so that what is left of the window lasts until its oldest sends age out: the lane slows
 * down rather than stalls, and a critical page never waits for long. Sends are never closer than one every
 * {@code period / permits} outside a burst; Resilience4j's limiter keeps that pace.
 *
 * <p>Defaults (120 a minute): a backlog of 60 goes at once; then one send about every second until the burst has
 * aged out of the window, then one every 500 ms. A send the server never took (no answer, or 5xx) is given back, so
 * that the probes of an outage do not eat the burst. Dispatch thread only.
 */
public final class RateLimit {
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final RateLimiter pace;
    private final int permits;
    private final int burst;
    private final long periodNanos;
    /** When the sends still in the window started (epoch nanoseconds of the client's clock), oldest first. */
    private long[] sent = new long[16];
    private int head;
    private int size;

    public RateLimit(RateLimiter pace, int permits, Duration period) {
        this.pace = pace;
        this.permits = permits;
        this.burst = permits / 2;
        this.periodNanos = period.toNanos();
    }

    /**
     * Takes a permit for a send starting {@code now}.
     *
     * @return {@code 0} if the send may start (it is counted), else the nanoseconds to wait before asking again
     */
    public long acquire(Instant now) {
        long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        expire(t);
        if (size >= permits) {
            return Math.max(1, at(0) + periodNanos - t);
        }
        if (size > 0 && size >= burst) {
            long newest = at(size - 1);
            long spreadAt = newest + (at(0) + periodNanos - newest) / (permits - size + 1);
            if (spreadAt > t) {
                return spreadAt - t;
            }
            if (!pace.acquirePermission()) {
                return Math.max(nanosToPermit(), MIN_WAIT_NANOS);
            }
        }
        add(t);
        return 0;
    }

    /**
     * The send last permitted was not taken by the server: it does not count against the window. It is the newest
     * entry, since a lane has one send in flight and acquires the next permit only once that one is answered.
     */
    public void giveBack() {
        if (size > 0) {
            size--;
        }
    }

    private void expire(long t) {
        if (size > 0 && at(size - 1) > t) {
            size = 0; // the clock went back: forget the window rather than wait for a future that moved away
        }
        while (size > 0 && at(0) <= t - periodNanos) {
            head = (head + 1) % sent.length;
            size--;
        }
    }

    private long at(int i) {
        return sent[(head + i) % sent.length];
    }

    private void add(long t) {
        if (size == sent.length) { // grows with what is sent in one window, never past the limit
            long[] grown = new long[(int) Math.min(permits, 2L * sent.length)];
            for (int i = 0; i < size; i++) {
                grown[i] = at(i);
            }
            sent = grown;
            head = 0;
        }
        sent[(head + size) % sent.length] = t;
        size++;
    }

    private long nanosToPermit() {
        return pace.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics m
                ? m.getNanosToWait() : TimeUnit.MILLISECONDS.toNanos(100);
    }
}
