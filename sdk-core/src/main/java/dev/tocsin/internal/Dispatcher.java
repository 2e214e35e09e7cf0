package dev.tocsin.internal;

import dev.tocsin.Action;
import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.DedupKeys;
import dev.tocsin.DeliveryResult;
import dev.tocsin.DeliveryResult.Status;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.WireRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tocsin-dispatch} loop: takes events off the intake queue, normalises and coalesces them, puts
 * them in lanes, starts sends and applies their answers. It owns all pipeline state, so none of it is locked;
 * it never blocks on I/O (sends are asynchronous) and parks only when there is nothing to do.
 */
final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The longest park, so that a changed clock (tests) or a missed wake-up costs at most this much. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int BATCH = 512;
    /** While events flow, the loop naps this long instead of waiting to be woken. */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long after the last event the loop keeps napping before it sleeps until woken. */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Settings settings;
    private final Clock clock;
    private final Intake intake;
    private final List<Lane> lanes;
    private final Normalizer normalizer;
    private final StormCoalescer coalescer;
    private final HttpTransport transport;
    private final Counters counters;
    private final Executor callbacks;
    private final Runnable onSettled;
    private final java.util.function.LongConsumer onHandled;
    private final Runnable onDerived;
    private final Persistence persistence;
    private final ConcurrentLinkedQueue<Answered> answers = new ConcurrentLinkedQueue<>();
    private volatile Thread thread;
    private volatile boolean parked;
    private volatile boolean asleep;
    private long lastEventNanos;
    private volatile long closeBy = Long.MAX_VALUE;
    private volatile boolean closing;
    private volatile boolean finished;
    /** Threads started after the first one died; see {@link #restart}. */
    private int restarts;
    private final RateLimitedLog failures;

    Dispatcher(Settings settings, Intake intake, List<Lane> lanes, HttpTransport transport, Counters counters,
            Executor callbacks, Runnable onSettled, java.util.function.LongConsumer onHandled, Runnable onDerived,
            Persistence persistence) {
        this.onHandled = onHandled;
        this.onDerived = onDerived;
        this.persistence = persistence;
        this.settings = settings;
        this.clock = settings.clock();
        this.intake = intake;
        this.lanes = lanes;
        this.normalizer = new Normalizer(settings.source(), clock);
        this.coalescer = new StormCoalescer(settings.coalesceWindow());
        this.transport = transport;
        this.counters = counters;
        this.callbacks = callbacks;
        this.onSettled = onSettled;
        this.failures = new RateLimitedLog(LOG, clock, Duration.ofSeconds(30));
    }

    void start() {
        startThread(this);
    }

    private void startThread(Runnable body) {
        Thread t = new Thread(body, "tocsin-dispatch");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Called by producers after an offer to an empty queue: wakes the loop only if it sleeps for want of work.
     * While events flow it naps for at most {@link #NAP_NANOS} and needs no wake-up, so a storm costs callers
     * no system call.
     */
    void wake() {
        if (asleep) {
            LockSupport.unpark(thread);
        }
    }

    /** Wakes the loop if it is parked at all: an answer arrived. */
    private void wakeNow() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Asks the loop to send what it has until {@code deadlineNanos} ({@link System#nanoTime()}), then stop. */
    void close(long deadlineNanos) {
        closeBy = deadlineNanos;
        closing = true;
        LockSupport.unpark(thread);
    }

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
            t = now; // the thread was restarted meanwhile: wait for its successor
        }
    }

    @Override
    public void run() {
        try {
            replay();
            loop();
            abandonRest();
        } catch (Throwable e) {
            restart(e);
        }
    }

    /**
     * The loop settles every failure of one event with that event and goes on, and survives a failure of a whole
     * iteration; it ends only if handling a failure fails in turn (a logging back end that throws an
     * {@link Error}, say). Delivery must not end for the life of the application, so a new thread takes over the
     * same state, after a pause that grows with each restart; the restart is counted and logged.
     */
    private void restart(Throwable cause) {
        int n = ++restarts;
        try {
            counters.dispatcherRestarted();
            failures.failure("restart", "tocsin: the dispatch thread failed and was restarted ({} so far)", cause, n);
        } catch (Throwable ignored) {
            // the log itself may be what failed; the count is in stats()
        }
        long pause = TimeUnit.MILLISECONDS.toNanos(Math.min(30_000L, 100L << Math.min(n - 1, 9)));
        startThread(() -> {
            long until = System.nanoTime() + pause;
            for (long left = pause; left > 0 && !closing; left = until - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
            }
            try {
                loop();
                abandonRest();
            } catch (Throwable e) {
                restart(e);
            }
        });
    }

    private void replay() {
        try {
            persistence.replayInto(lanes, () -> new Settlement(null, callbacks, onSettled, null, 1));
        } catch (Throwable e) {
            counters.internalError();
            LOG.error("tocsin: could not replay the spool; its events stay on disk for the next start",
                    Throwables.loggable(e));
        }
    }

    private void loop() {
        boolean draining = false;
        while (true) {
            Instant now = clock.instant();
            try {
                applyAnswers(now);
                takeIntake(now);
                if (closing && !draining && intake.isEmpty()) {
                    draining = true;
                    coalescer.drain().forEach(update -> route(update, null, internalSettlement(update)));
                }
                coalescer.due(now).forEach(update -> route(update, null, internalSettlement(update)));
                refresh(now);
                startSends(now);
            } catch (Throwable e) {
                // Failures of single events are settled where they happen; this is a bug in the loop itself. It
                // must not end delivery for the life of the application: count, report, pause, go on.
                counters.internalError();
                failures.failure("loop", "tocsin: unexpected failure in the dispatch loop; continuing", e);
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
            }
            if (draining && (allIdle() || System.nanoTime() - closeBy >= 0)) {
                return;
            }
            park(now);
        }
    }

    /**
     * Abandons events offered after the loop made its last sweep (a caller racing {@code close()}), so that
     * no stage is left incomplete. Does nothing while the loop runs.
     */
    void sweep() {
        if (finished) {
            abandonQueued();
        }
    }

    private void takeIntake(Instant now) {
        int taken = 0;
        long bytes = 0;
        try {
            for (; taken < BATCH; taken++) {
                Submission s = intake.poll();
                if (s == null) {
                    break;
                }
                bytes += intake.weight(s);
                try {
                    accept(s, now);
                } catch (Throwable e) {
                    // Settled first: whatever happens next, its stage completes and flush() does not wait on it.
                    Settlement.complete(s.result(), callbacks, new DeliveryResult(Status.DROPPED, null,
                            "could not be processed: " + failure(e)));
                    onSettled.run();
                    counters.internalError();
                    counters.dropped("internal error");
                    failures.failure("event", "tocsin: could not process an event; it is dropped", e);
                }
            }
        } finally {
            intake.release(taken, bytes); // one write for the whole batch
            if (taken > 0) {
                persistence.commit(); // group commit: one sync for the batch, if the policy asks for it
                onHandled.accept(taken);
                lastEventNanos = System.nanoTime();
            }
        }
    }

    private void accept(Submission taken, Instant now) {
        if (taken.wasShed()) {
            String why = "shed for a more severe event"; // the intake queue was full; see Intake
            counters.dropped(why);
            Settlement.complete(taken.result(), callbacks, new DeliveryResult(Status.DROPPED, null, why));
            onSettled.run();
            return;
        }
        Submission s = taken.acceptedAt() != null ? taken
                : new Submission(taken.event(), taken.error(), now, taken.bytes(), taken.result(), taken.rank());
        if (s.event() instanceof ChangeEvent change) {
            ChangeEvent event = normalizer.change(change);
            Settlement settlement = new Settlement(s.result(), callbacks, onSettled, null, lanes.size());
            for (Lane lane : lanes) {
                WireRequest request;
                try {
                    request = lane.destination().encode(event);
                } catch (Throwable e) {
                    unencodable(lane, "change event", settlement, e);
                    continue;
                }
                offer(lane, request, "change event", null, Rank.CHANGE, s.acceptedAt(), settlement);
            }
            return;
        }
        Alert raw;
        Throwable error = s.error();
        if (s.event() instanceof PendingAlert pending) {
            String key = pending.dedupKey();
            // Windows are keyed by sanitized keys, and a sanitized key is its own sanitized form: try the key as
            // given first, so that a storm's repeats skip sanitizing.
            if (key != null && (coalescer.absorb(key, now) || coalescer.absorb(DedupKeys.sanitize(key), now))) {
                counters.coalesced(); // a repeat in a storm: counted before any formatting or rendering
                if (s.result() == null) {
                    onSettled.run();
                } else {
                    new Settlement(s.result(), callbacks, onSettled, key, 1)
                            .settle(Status.COALESCED, "repeat inside the storm window");
                }
                return;
            }
            raw = pending.toAlert();
            error = pending.error();
            if (raw == null) {
                new Settlement(s.result(), callbacks, onSettled, null, 1).settle(Status.DELIVERED, null);
                return;
            }
        } else {
            raw = (Alert) s.event();
        }
        Alert alert = normalizer.alert(raw, error);
        if (alert == null) {
            LOG.warn("tocsin: {} without a dedup key cannot be sent; ignored",
                    raw.action().name().toLowerCase(java.util.Locale.ROOT));
            counters.rejected("client");
            new Settlement(s.result(), callbacks, onSettled, null, 1).settle(Status.REJECTED, "dedup key required");
            return;
        }
        if (alert.action() == Action.TRIGGER) {
            Alert send = coalescer.admit(alert, now);
            if (send == null) {
                counters.coalesced();
                new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), 1)
                        .settle(Status.COALESCED, "repeat inside the storm window");
                return;
            }
            alert = send;
        } else {
            coalescer.forget(alert.dedupKey());
        }
        route(alert, s.acceptedAt(), new Settlement(s.result(), callbacks, onSettled, alert.dedupKey(), lanes.size()));
    }

    private void route(Alert alert, Instant acceptedAt, Settlement settlement) {
        Instant now = clock.instant();
        Instant at = acceptedAt == null ? now : acceptedAt;
        String what = alert.action().name().toLowerCase(java.util.Locale.ROOT) + " " + alert.dedupKey();
        for (Lane lane : lanes) {
            WireRequest request;
            try {
                Alert send = lane.refresher == null ? alert : lane.refresher.track(alert, now);
                request = lane.destination().encode(send, now);
            } catch (Throwable e) {
                unencodable(lane, what, settlement, e);
                continue;
            }
            offer(lane, request, what, alert.dedupKey(), Rank.of(alert), at, settlement);
        }
    }

    /** A destination could not encode an event: that part of it is settled, the other lanes still get theirs. */
    private void unencodable(Lane lane, String what, Settlement settlement, Throwable e) {
        settlement.settle(Status.DROPPED, "could not be encoded for " + lane.name + ": " + failure(e));
        counters.internalError();
        counters.dropped("internal error");
        failures.failure("encode:" + lane.name, "tocsin: could not encode {} for {}; dropped", e, what, lane.name);
    }

    /** The type and message of a failure, for a result's detail; never throws. */
    private static String failure(Throwable e) {
        String message = Throwables.message(e);
        return e.getClass().getName() + (message == null ? "" : ": " + Text.line(message, 200));
    }

    /** Re-sends what refreshing lanes keep alive; a lane with a backlog waits, its backlog is newer anyway. */
    private void refresh(Instant now) {
        for (Lane lane : lanes) {
            if (lane.refresher == null || !lane.idle()) {
                continue;
            }
            for (Alert a : lane.refresher.due(now)) {
                onDerived.run();
                Settlement settlement = new Settlement(null, callbacks, onSettled, a.dedupKey(), 1);
                String what = "re-send " + a.action().name().toLowerCase(java.util.Locale.ROOT) + " " + a.dedupKey();
                WireRequest request;
                try {
                    request = lane.destination().encode(a, now);
                } catch (Throwable e) {
                    unencodable(lane, what, settlement, e);
                    continue;
                }
                offer(lane, request, what, a.dedupKey(), Rank.of(a), now, settlement);
            }
        }
    }

    private void offer(Lane lane, WireRequest request, String what, String dedupKey, int rank, Instant acceptedAt,
            Settlement settlement) {
        if (request == null) {
            settlement.settle(Status.DELIVERED, null); // this destination does not take this kind of event
            return;
        }
        if (!lane.hasRoomFor(rank)) {
            lane.drop(what, settlement, "lane buffer");
            return;
        }
        Instant deadline = acceptedAt.plus(settings.deliveryDeadline());
        long seq;
        try {
            seq = persistence.store(lane.key, what, acceptedAt, deadline, request);
        } catch (Throwable e) {
            settlement.settle(Status.DROPPED, "could not be stored: " + failure(e));
            counters.internalError();
            counters.dropped("internal error");
            failures.failure("store:" + lane.name, "tocsin: could not store {} for {}; dropped", e, what, lane.name);
            return;
        }
        if (seq == Persistence.FULL) {
            lane.drop(what, settlement, "spool");
            return;
        }
        lane.offer(new Delivery(request, what, dedupKey, rank, acceptedAt, deadline, settlement, seq));
    }

    /** A storm window's update is nobody's submission, but flush() waits for it all the same. */
    private Settlement internalSettlement(Alert update) {
        onDerived.run();
        return new Settlement(null, callbacks, onSettled, update.dedupKey(), lanes.size());
    }

    private void startSends(Instant now) {
        for (Lane lane : lanes) {
            Delivery d = lane.next(now);
            if (d == null) {
                continue;
            }
            try {
                transport.send(d.request()).whenComplete((answer, failure) -> {
                    answers.add(new Answered(lane, answer, failure));
                    wakeNow();
                });
            } catch (Throwable e) {
                answers.add(new Answered(lane, null, e)); // the request could not even be built
            }
        }
    }

    private void applyAnswers(Instant now) {
        for (Answered a; (a = answers.poll()) != null; ) {
            try {
                a.lane().answered(a.answer(), a.failure(), now);
            } catch (Throwable e) {
                counters.internalError();
                failures.failure("answer:" + a.lane().name, "tocsin: could not apply an answer of {}", e,
                        a.lane().name);
            }
        }
    }

    private boolean allIdle() {
        return intake.isEmpty() && lanes.stream().allMatch(Lane::idle);
    }

    private void park(Instant now) {
        long wait = MAX_PARK_NANOS;
        for (Lane lane : lanes) {
            wait = Math.min(wait, nanosUntil(now, lane.wakeAt()));
        }
        wait = Math.min(wait, nanosUntil(now, coalescer.nextDue()));
        for (Lane lane : lanes) {
            if (lane.refresher != null) {
                wait = Math.min(wait, nanosUntil(now, lane.refresher.nextDue()));
            }
        }
        if (closing) {
            wait = Math.min(wait, Math.max(0, closeBy - System.nanoTime()));
        }
        if (wait <= 0) {
            return;
        }
        boolean busy = System.nanoTime() - lastEventNanos < BUSY_NANOS;
        parked = true;
        asleep = !busy;
        if (intake.isEmpty() && answers.isEmpty()) { // checked after announcing the park: no lost wake-up
            LockSupport.parkNanos(this, busy ? Math.min(wait, NAP_NANOS) : wait);
        }
        asleep = false;
        parked = false;
    }

    private static long nanosUntil(Instant now, Instant at) {
        if (at == null) {
            return Long.MAX_VALUE;
        }
        if (!at.isAfter(now)) {
            return 0;
        }
        Duration d = Duration.between(now, at);
        return d.getSeconds() > 86_400 ? Long.MAX_VALUE : d.toNanos();
    }

    private void abandonRest() {
        int left = abandonQueued();
        for (Lane lane : lanes) {
            left += lane.abandon();
        }
        finished = true;
        left += abandonQueued();
        if (left > 0) {
            LOG.warn(persistence.durable()
                    ? "tocsin: closed with {} events undelivered; they stay in the spool for the next start"
                    : "tocsin: closed with {} events undelivered", left);
        }
        persistence.close();
        transport.close();
    }

    private int abandonQueued() {
        int n = 0;
        long bytes = 0;
        for (Submission s; (s = intake.poll()) != null; n++) {
            bytes += intake.weight(s);
            Settlement.complete(s.result(), callbacks,
                    new DeliveryResult(Status.ABANDONED, null, "client closed before delivery"));
            onSettled.run();
        }
        intake.release(n, bytes);
        return n;
    }

    private record Answered(Lane lane, HttpTransport.Answer answer, Throwable failure) {
    }
}
