package dev.tocsin.internal;

import dev.tocsin.DeliveryResult.Status;
import dev.tocsin.spi.Destination;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FIFO outbox of one destination and routing key, with at most one request in flight. A failed head
 * blocks the lane, so no later event overtakes it: trigger, acknowledge and resolve of a key arrive in order
 * whatever retries happen. Dispatch thread only, but for the gauges.
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** How soon a lane whose breaker is open asks again. */
    private static final Duration BREAKER_PROBE = Duration.ofMillis(500);

    final String name;
    final String key;
    private final Destination destination;
    private final Persistence persistence;
    /** Re-sends for destinations that forget unrepeated alerts; {@code null} for the others. */
    final Refresher refresher;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final int capacity;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final Backoff backoff;
    private final Duration throttleFloor;
    private final Counters counters;
    private final RateLimitedLog warnings;
    private boolean inFlight;
    private long sentAtNanos;
    private int attempt;
    private Instant notBefore = Instant.MIN;
    private volatile boolean stopped;
    private volatile int depth;

    Lane(Destination destination, int capacity, CircuitBreaker breaker, RateLimiter limiter, Backoff backoff,
            Duration throttleFloor, Counters counters, RateLimitedLog warnings, Persistence persistence,
            java.time.Clock clock) {
        this.name = destination.name();
        this.key = destination.laneKey();
        this.destination = destination;
        this.persistence = persistence;
        this.refresher = destination.resendInterval() == null ? null : new Refresher(destination.resendInterval(),
                destination.resendResolvedFor(), destination.standingAlerts(), clock.instant());
        this.capacity = capacity;
        this.breaker = breaker;
        this.limiter = limiter;
        this.backoff = backoff;
        this.throttleFloor = throttleFloor;
        this.counters = counters;
        this.warnings = warnings;
        breaker.getEventPublisher().onStateTransition(e -> {
            String state = e.getStateTransition().getToState().name();
            LOG.info("tocsin: circuit breaker of {} is now {}", name, state);
            counters.breakerStateChanged(name, state);
        });
    }

    Destination destination() {
        return destination;
    }

    boolean full() {
        return queue.size() >= capacity;
    }

    /** Drops a new event because the lane's buffer (or the spool) is full: counted and warned about. */
    void drop(String what, Settlement settlement, String why) {
        counters.dropped(why);
        warnings.warn("drop:" + name + why, "tocsin: {} of {} is full; dropped {}", why, name, what);
        settlement.settle(Status.DROPPED, why);
    }

    /** Queues a delivery; callers check {@link #full()} first, replays from the spool do not. */
    void offer(Delivery d) {
        queue.add(d);
        depth = queue.size();
    }

    /**
     * Dead-letters expired heads, then starts the head's send if the lane is free, the backoff has passed and
     * the breaker and rate limiter allow it.
     *
     * @return the delivery to send now, or {@code null}
     */
    Delivery next(Instant now) {
        while (!inFlight && !queue.isEmpty()) {
            Delivery head = queue.peek();
            if (!now.isBefore(head.deadline())) {
                remove();
                deadLetter(head, "delivery deadline passed after " + attempt + " attempts");
                continue;
            }
            if (stopped || now.isBefore(notBefore)) {
                return null;
            }
            if (!breaker.tryAcquirePermission()) {
                notBefore = now.plus(BREAKER_PROBE);
                return null;
            }
            if (!limiter.acquirePermission()) {
                breaker.releasePermission();
                long wait = Math.max(nanosToPermit(), TimeUnit.MILLISECONDS.toNanos(10));
                notBefore = now.plusNanos(wait);
                return null;
            }
            inFlight = true;
            sentAtNanos = System.nanoTime();
            return head;
        }
        return null;
    }

    /** Applies the answer to the head that was in flight. */
    void answered(HttpTransport.Answer answer, Throwable failure, Instant now) {
        Delivery head = queue.peek();
        inFlight = false;
        if (head == null) {
            return;
        }
        long took = System.nanoTime() - sentAtNanos;
        Verdict verdict = failure != null ? Verdict.of(failure) : Verdict.of(answer.status());
        switch (verdict) {
            case DELIVERED -> {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                remove();
                persistence.settled(head, name, key, Status.DELIVERED, null);
                counters.delivered(name, Duration.between(head.acceptedAt(), now));
                head.settlement().settle(Status.DELIVERED, null);
            }
            case REJECTED -> {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS); // the server is up; the event is wrong
                remove();
                String reason = Text.line(destination.describeRefusal(answer.status(), answer.body()), 1024);
                // Once per distinct reason and interval: a misconfigured integration must not flood the log.
                warnings.warn("reject:" + name + answer.status() + reason,
                        "tocsin: {} refused {} with HTTP {}, not retrying: {}", name, head.what(), answer.status(),
                        reason);
                counters.rejected(name);
                persistence.settled(head, name, key, Status.REJECTED, "HTTP " + answer.status() + ": " + reason);
                head.settlement().settle(Status.REJECTED, "HTTP " + answer.status() + ": " + reason);
            }
            case THROTTLED -> {
                breaker.releasePermission();
                retryLater(head, now, RetryAfter.parse(answer.retryAfter(), now)
                        .orElseGet(() -> max(backoff.delay(attempt + 1), throttleFloor)), "HTTP " + answer.status());
            }
            case RETRY -> {
                breaker.onError(took, TimeUnit.NANOSECONDS, failure != null ? failure
                        : new IllegalStateException("HTTP " + answer.status()));
                Duration wait = answer == null ? backoff.delay(attempt + 1)
                        : RetryAfter.parse(answer.retryAfter(), now).orElseGet(() -> backoff.delay(attempt + 1));
                retryLater(head, now, wait, failure != null ? describe(failure) : "HTTP " + answer.status());
            }
            case STOP -> {
                breaker.onError(took, TimeUnit.NANOSECONDS, failure);
                stopped = true;
                LOG.error("tocsin: TLS failure talking to {}; the lane is stopped and its {} events wait until "
                        + "their delivery deadline. Fix the endpoint's certificate or trust store and restart. {}",
                        name, queue.size(), describe(failure));
            }
        }
    }

    private void retryLater(Delivery head, Instant now, Duration wait, String why) {
        attempt++;
        notBefore = now.plus(wait);
        counters.retried(name);
        warnings.warn("retry:" + name, "tocsin: sending {} to {} failed ({}); attempt {} retries in {} ms",
                head.what(), name, why, attempt, wait.toMillis());
    }

    private void deadLetter(Delivery d, String why) {
        counters.deadLettered(name);
        warnings.error("dead:" + name, "tocsin: dead-lettered {} for {}: {}", d.what(), name, why);
        persistence.settled(d, name, key, Status.DEAD_LETTERED, why);
        d.settlement().settle(Status.DEAD_LETTERED, why);
    }

    private void remove() {
        queue.poll();
        attempt = 0;
        notBefore = Instant.MIN;
        depth = queue.size();
    }

    /** When this lane next wants the dispatcher's attention, or {@code null} if it waits for nothing timed. */
    Instant wakeAt() {
        if (inFlight || queue.isEmpty()) {
            return null;
        }
        Instant deadline = queue.peek().deadline();
        return stopped || notBefore.isAfter(deadline) ? deadline : notBefore;
    }

    /** Settles everything still queued as abandoned; used when shutdown time is up. */
    int abandon() {
        int n = queue.size();
        for (Delivery d; (d = queue.poll()) != null; ) {
            d.settlement().settle(Status.ABANDONED, d.seq() >= 0
                    ? "client closed before delivery; kept in the spool for the next start"
                    : "client closed before delivery");
        }
        depth = 0;
        return n;
    }

    boolean idle() {
        return queue.isEmpty();
    }

    int depth() {
        return depth;
    }

    boolean breakerOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    boolean stopped() {
        return stopped;
    }

    private long nanosToPermit() {
        return limiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics m
                ? m.getNanosToWait() : TimeUnit.MILLISECONDS.toNanos(100);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String describe(Throwable t) {
        Throwable root = Throwables.root(t);
        String message = Throwables.message(root);
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
