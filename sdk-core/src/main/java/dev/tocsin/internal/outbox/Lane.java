package dev.tocsin.internal.outbox;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.resilience.Backoff;
import dev.tocsin.internal.resilience.RateLimit;
import dev.tocsin.internal.resilience.RetryAfter;
import dev.tocsin.internal.text.Text;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.internal.transport.HttpTransport;
import dev.tocsin.internal.transport.NetworkFailures;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox of one destination and routing key, with at most one request in flight. Each send opportunity
 * goes to the most severe waiting event ({@link LaneQueue}), but a key's events go out in their order: a failed
 * event blocks the later events of its key, so trigger, acknowledge and resolve of a key arrive in order whatever
 * retries happen. A failure backs off the lane as a whole.
 *
 * <p>Without a spool, the buffer ({@code bufferCapacity}) is the bound: a full lane sheds its least severe event
 * for a more severe one. With the spool on, the spool's capacity is the bound: past the buffer, spooled events wait
 * in the {@link Overflow} without their requests, and are loaded back from disk, oldest first, as the buffer drains.
 * A key with anything in the overflow sends its later events there too, so that none overtakes it; a more severe
 * event still takes a place in memory from the newest least severe one, which moves to the overflow. Dispatch
 * thread only, but for the gauges.
 */
public final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** How soon a lane whose breaker is open asks again (the breaker tells no time of its own). */
    private static final Duration BREAKER_PROBE = Duration.ofMillis(250);
    /** How soon a lane asks again a destination that was not ready to send its request. */
    private static final Duration NOT_READY = Duration.ofMillis(50);

    public final String name;
    public final String key;
    private static final Resending NO_RESENDING = new Resending() { };
    private final Destination destination;
    /** The destination's re-send policy, or one that changes nothing. */
    private final Resending resending;
    private final Persistence persistence;
    /** Re-sends for destinations that forget unrepeated alerts; {@code null} for the others. */
    public final Refresher refresher;
    /** What the lane holds: its buffer in memory and, past it, the spooled overflow. */
    private final LaneBuffer buffer;
    /** The buffer's queue, which the sending side works on. */
    private final LaneQueue queue;
    private final CircuitBreaker breaker;
    private final RateLimit limit;
    private final Backoff backoff;
    private final Duration throttleFloor;
    private final Counters counters;
    private final RateLimitedLog warnings;
    private boolean inFlight;
    private long sentAtNanos;
    /** Failures in a row, whichever events they were: the lane's backoff grows with them. */
    private int attempt;
    /** How the last failed send of the lane failed, such as "connection refused"; {@code null} after a success. */
    private String lastFailure;
    private Instant notBefore = Instant.MIN;
    private volatile boolean stopped;

    Lane(Destination destination, int capacity, CircuitBreaker breaker, RateLimit limit, Backoff backoff,
            Duration throttleFloor, Counters counters, RateLimitedLog warnings, Persistence persistence,
            java.time.Clock clock) {
        this.name = destination.name();
        this.key = destination.laneKey();
        this.destination = destination;
        this.persistence = persistence;
        Resending policy = destination.resending();
        this.resending = policy == null ? NO_RESENDING : policy;
        this.refresher = resending.resendInterval() == null ? null : new Refresher(resending.resendInterval(),
                resending.resendResolvedFor(), resending.standingAlerts(), clock.instant());
        this.buffer = new LaneBuffer(capacity);
        this.queue = buffer.queue;
        this.breaker = breaker;
        this.limit = limit;
        this.backoff = backoff;
        this.throttleFloor = throttleFloor;
        this.counters = counters;
        this.warnings = warnings;
        BreakerLog.listen(breaker, name, counters);
    }

    public Destination destination() {
        return destination;
    }

    boolean full() {
        return buffer.full();
    }

    /** Drops a new event because the lane's buffer (or the spool) is full: counted and warned about. */
    public void drop(String what, Settlement settlement, String why) {
        counters.dropped(why);
        try {
            warnings.warn("drop:" + name + why, "tocsin: {} of {} is full; dropped {}", why, name, what);
        } finally {
            settlement.settle(Status.DROPPED, why); // even if the log line fails
        }
    }

    /** Whether a new event of {@code rank} may be queued, by shedding a less severe one if the lane is full. */
    public boolean hasRoomFor(int rank) {
        return buffer.hasRoomFor(rank);
    }

    /**
     * Queues a delivery ({@link LaneBuffer#offer}); a less severe one it takes the place of is settled as shed.
     * Callers check {@link #hasRoomFor} first for unspooled deliveries.
     */
    public void offer(Delivery d) {
        Delivery victim = buffer.offer(d);
        if (victim != null) {
            shed(victim);
        }
    }

    /** A delivery read back from the spool with its headers made again, or {@code null} (dead-lettered) if not. */
    private Delivery load(Delivery d) {
        try {
            return d.with(restored(persistence.load(d.seq())));
        } catch (java.io.IOException | RuntimeException e) {
            deadLetter(d, "could not be read back from the spool: " + Throwables.summary(e));
            return null;
        }
    }

    private void shed(Delivery d) {
        String why = "shed for a more severe event";
        counters.dropped(why); // counts never throw (listeners are guarded): counted before the stage completes
        try {
            warnings.warn("shed:" + name, "tocsin: the buffer of {} is full; shed {} for a more severe event", name,
                    d.what());
        } finally {
            settle(d, Status.DROPPED, why);
        }
    }

    /**
     * Dead-letters expired events (the oldest first), then starts the send of the most severe waiting event if
     * the lane is free, the backoff has passed and the breaker and rate limiter allow it.
     *
     * @return the delivery to send now, or {@code null}
     */
    public Delivery next(Instant now) {
        buffer.refill(now, this::load, d -> deadLetter(d, expired()));
        while (!inFlight && !queue.isEmpty()) {
            Delivery oldest = queue.oldest();
            if (!now.isBefore(oldest.deadline())) {
                if (queue.pollOldest() == null) {
                    return null; // only what is in flight is left, and its answer decides
                }
                buffer.recount();
                deadLetter(oldest, expired());
                continue;
            }
            return mayStart(now) ? start(now) : null;
        }
        return null;
    }

    /** Whether the backoff, the breaker and the rate limiter let a send start now; each sets the next try if not. */
    private boolean mayStart(Instant now) {
        if (stopped || now.isBefore(notBefore)) {
            return false;
        }
        if (!breaker.tryAcquirePermission()) {
            notBefore = now.plus(BREAKER_PROBE);
            return false;
        }
        long wait = limit.acquire(now);
        if (wait > 0) {
            breaker.releasePermission();
            notBefore = now.plusNanos(wait);
            return false;
        }
        return true;
    }

    /** Starts the send of the most severe waiting delivery, or gives its permits back if it is not ready. */
    private Delivery start(Instant now) {
        inFlight = true;
        sentAtNanos = System.nanoTime();
        Delivery best = queue.startBest();
        WireRequest request = reissued(best, now);
        if (request == null) { // the destination is not ready yet: ask again soon, not a failure
            inFlight = false;
            queue.retryLater();
            breaker.releasePermission();
            limit.giveBack(); // nothing was sent: asking again every 50 ms must not use up the rate limit
            notBefore = now.plus(NOT_READY);
            return null;
        }
        return best.with(request);
    }

    /**
     * The request to send for {@code d} now ({@link Resending#reissue(WireRequest, Instant)}), made again on every
     * attempt. A lane that keeps alerts alive sends the newest state queued for the key: its receiver holds one
     * state per alert, so an older one would be replayed stale. If the destination fails, the request as queued: a
     * page a little stale is better than none, but it is a bug of the destination's, so it counts as an internal
     * error ({@code stats().internalErrors()}, the metric and the health component show it).
     */
    private WireRequest reissued(Delivery d, Instant now) {
        Delivery newest = refresher == null || d.dedupKey() == null ? null : queue.newestOf(d.dedupKey());
        WireRequest queued = (newest == null ? d : newest).request();
        try {
            return resending.reissue(queued, now);
        } catch (Throwable e) {
            counters.internalError();
            warnings.warn("reissue:" + name, "tocsin: {} could not make {} again for sending ({}); sent as queued",
                    name, d.what(), Throwables.summary(e));
            return queued;
        }
    }

    /** Applies the answer to the delivery that was in flight. */
    public void answered(HttpTransport.Answer answer, Throwable failure, Instant now) {
        if (!inFlight) {
            return;
        }
        inFlight = false;
        Delivery head = queue.startedDelivery();
        if (head == null) {
            return; // abandoned while in flight
        }
        try {
            apply(head, answer, failure, now);
        } finally {
            queue.retryLater(); // nothing is in flight any more, even if applying the answer failed half-way
        }
    }

    private void apply(Delivery head, HttpTransport.Answer answer, Throwable failure, Instant now) {
        long took = System.nanoTime() - sentAtNanos;
        Verdict verdict = failure != null ? Verdict.of(failure) : Verdict.of(answer.status());
        switch (verdict) {
            case DELIVERED -> {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                finish();
                counters.delivered(name, Duration.between(head.acceptedAt(), now));
                settle(head, Status.DELIVERED, null);
            }
            case REJECTED -> rejected(head, answer, took);
            case THROTTLED -> {
                breaker.releasePermission();
                retryLater(head, now, RetryAfter.parse(answer.retryAfter(), now)
                        .orElseGet(() -> max(backoff.delay(attempt + 1), throttleFloor)), "HTTP " + answer.status());
            }
            case RETRY -> {
                limit.giveBack(); // the server took nothing: the send does not count against its rate limit
                breaker.onError(took, TimeUnit.NANOSECONDS, failure != null ? failure
                        : new IllegalStateException("HTTP " + answer.status()));
                Duration wait = answer == null ? backoff.delay(attempt + 1)
                        : RetryAfter.parse(answer.retryAfter(), now).orElseGet(() -> backoff.delay(attempt + 1));
                retryLater(head, now, wait, failure != null ? describe(failure) : "HTTP " + answer.status());
            }
            case STOP -> stop(failure, took);
        }
    }

    /** A 4xx: the server is up and the event is wrong, so it is settled as refused, with the server's reason. */
    private void rejected(Delivery head, HttpTransport.Answer answer, long took) {
        breaker.onSuccess(took, TimeUnit.NANOSECONDS);
        finish();
        String reason = Text.line(refusal(answer), 1024);
        counters.rejected(name);
        try {
            // Once per distinct reason and interval: a misconfigured integration must not flood the log.
            warnings.warn("reject:" + name + answer.status() + reason,
                    "tocsin: {} refused {} with HTTP {}, not retrying: {}", name, head.what(), answer.status(), reason);
        } finally {
            settle(head, Status.REJECTED, "HTTP " + answer.status() + ": " + reason);
        }
    }

    /** A TLS failure: no retry can heal it, so the lane stops and its events wait until their deadline. */
    private void stop(Throwable failure, long took) {
        limit.giveBack();
        queue.retryLater();
        breaker.onError(took, TimeUnit.NANOSECONDS, failure);
        stopped = true;
        lastFailure = describe(failure);
        LOG.error("tocsin: TLS failure talking to {}; the lane is stopped and its {} events wait until "
                + "their delivery deadline. Fix the endpoint's certificate or trust store and restart. {}",
                name, queue.size(), describe(failure));
    }

    private void retryLater(Delivery head, Instant now, Duration wait, String why) {
        queue.retryLater(); // it waits with the others: at the next opportunity the best event goes, maybe not it
        attempt++;
        lastFailure = why;
        notBefore = now.plus(wait);
        counters.retried(name);
        warnings.warn("retry:" + name, "tocsin: sending {} to {} failed ({}); attempt {} retries in {} ms",
                head.what(), name, why, attempt, wait.toMillis());
    }

    private void deadLetter(Delivery d, String why) {
        counters.deadLettered(name);
        try {
            warnings.error("dead:" + name, "tocsin: dead-lettered {} for {}: {}", d.what(), name, why);
        } finally {
            settle(d, Status.DEAD_LETTERED, why);
        }
    }

    /** Records the outcome in the spool (dead letters too), then completes the event's part whatever happens. */
    private void settle(Delivery d, Status status, String why) {
        try {
            persistence.settled(d, name, key, status, why);
        } finally {
            d.settlement().settle(status, why);
        }
    }

    private void finish() {
        queue.finishInFlight();
        if (attempt > 0 && breaker.getState() == CircuitBreaker.State.CLOSED) {
            // The outage is over. Its failures, still in the breaker's window, must not open it half-way through
            // the backlog that follows (five probes and five deliveries are a 50 % failure rate).
            breaker.reset();
        }
        attempt = 0;
        lastFailure = null;
        notBefore = Instant.MIN;
        buffer.recount();
    }

    /** The request for an alert routed (or re-sent) at {@code now}: as of now if the destination's format says so. */
    public WireRequest encode(Alert alert, Instant now) {
        WireRequest timed = resending.encodeAt(alert, now);
        return timed != null ? timed : destination.encode(alert);
    }

    /** A request read back from disk, with its headers made again by the destination as it is now. */
    public WireRequest restored(WireRequest stored) {
        return resending.reissue(stored);
    }

    /** When this lane next wants the dispatcher's attention, or {@code null} if it waits for nothing timed. */
    public Instant wakeAt() {
        if (inFlight || queue.isEmpty()) {
            return inFlight || buffer.overflowEmpty() ? null : Instant.MIN; // room in the buffer: load at once
        }
        Instant deadline = queue.oldest().deadline();
        return stopped || notBefore.isAfter(deadline) ? deadline : notBefore;
    }

    /** Settles everything still queued as abandoned; used when shutdown time is up. */
    public int abandon() {
        int n = buffer.size();
        queue.retryLater(); // nothing is in flight any more: everything goes
        for (Delivery d; (d = buffer.pollAny()) != null; ) {
            d.settlement().settle(Status.ABANDONED, d.seq() >= 0
                    ? "client closed before delivery; kept in the spool for the next start"
                    : "client closed before delivery");
        }
        buffer.recount();
        return n;
    }

    public boolean idle() {
        return buffer.isEmpty();
    }

    public int depth() {
        return buffer.depth();
    }

    public boolean breakerOpen() {
        return breaker.getState() == CircuitBreaker.State.OPEN;
    }

    public boolean stopped() {
        return stopped;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The destination's reading of a refusal, or the raw body if that reading fails (an old Jackson, say). */
    private String refusal(HttpTransport.Answer answer) {
        try {
            return destination.describeRefusal(answer.status(), answer.body());
        } catch (Throwable e) {
            return answer.body();
        }
    }

    private static String describe(Throwable t) {
        return NetworkFailures.describe(t);
    }

    /** Why an event past its deadline is given up: how often the lane failed in a row, and how, last. */
    private String expired() {
        return "delivery deadline passed; the lane had failed " + attempt + " times in a row"
                + (lastFailure == null ? "" : " (last: " + lastFailure + ")");
    }
}
