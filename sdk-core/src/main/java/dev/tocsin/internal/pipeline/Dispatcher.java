package dev.tocsin.internal.pipeline;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.config.RoutePlan;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Intake;
import dev.tocsin.internal.intake.Submission;
import dev.tocsin.internal.outbox.Delivery;
import dev.tocsin.internal.outbox.Lane;
import dev.tocsin.internal.outbox.Persistence;
import dev.tocsin.internal.outbox.Settlement;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.rules.FloodGate;
import dev.tocsin.internal.rules.Maintenance;
import dev.tocsin.internal.rules.Routes;
import dev.tocsin.internal.rules.RuleEngine;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.internal.transport.HttpTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code tocsin-dispatch} loop: takes events off the intake queue, normalises and coalesces them, puts
 * them in lanes (through the {@link Router}), starts sends and applies their answers. It owns all pipeline state, so none of it is locked;
 * it never blocks on I/O (sends are asynchronous) and parks only when there is nothing to do.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The longest park, so that a changed clock (tests) or a missed wake-up costs at most this much. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The longest park; {@link #MAX_PARK_NANOS} but in tests that prove arrivals are not slept through. */
    private volatile long maxParkNanos = MAX_PARK_NANOS;
    private static final int BATCH = 512;
    /** While events flow, the loop naps this long instead of waiting to be woken. */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long after the last event the loop keeps napping before it sleeps until woken. */
    private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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
    private final DispatchThread thread;
    private volatile boolean parked;
    private volatile boolean asleep;
    /** Times the loop went to sleep until woken, and times a producer woke it: for tests of the wake rule. */
    private volatile long sleeps;
    private final java.util.concurrent.atomic.AtomicLong wakeUps = new java.util.concurrent.atomic.AtomicLong();
    private long lastEventNanos;
    private volatile boolean finished;
    private final RateLimitedLog failures;
    private final Router router;
    private final Admission admission;
    private final Maintenance maintenance;

    public Dispatcher(Settings settings, Intake intake, List<Lane> lanes, HttpTransport transport, Counters counters,
            Executor callbacks, Runnable onSettled, java.util.function.LongConsumer onHandled, Runnable onDerived,
            Persistence persistence, Maintenance maintenance) {
        this.maintenance = maintenance;
        this.onHandled = onHandled;
        this.onDerived = onDerived;
        this.persistence = persistence;
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
        this.router = new Router(lanes, clock, settings.deliveryDeadline(), persistence, counters, failures,
                normalizer, routes(settings, lanes), gates(settings, lanes));
        RuleEngine rules = new RuleEngine(settings.rules(), settings.routes().routingKeyRoutes(), counters, failures);
        this.admission = new Admission(normalizer, coalescer, router, counters, callbacks, onSettled, lanes.size(),
                rules, maintenance, router.routes(), settings.coalesceWindow());
        this.thread = new DispatchThread(() -> {
            replay();
            loop();
            abandonRest();
        }, () -> {
            loop();
            abandonRest();
        }, this::finishQuietly, this::restarted);
    }

    public void start() {
        thread.start();
    }

    /** Which lanes each route name, the default route and the severity policy stand for. */
    static Routes routes(Settings settings, List<Lane> lanes) {
        RoutePlan plan = settings.routes();
        if (plan.names().stream().allMatch(java.util.Objects::isNull)) {
            return Routes.everywhere(lanes);
        }
        Map<String, Lane> byKey = new HashMap<>();
        lanes.forEach(l -> byKey.put(l.key, l));
        Map<String, List<Lane>> byName = new LinkedHashMap<>();
        List<Lane> unnamed = new ArrayList<>();
        for (int i = 0; i < plan.destinations().size(); i++) {
            Lane lane = byKey.get(plan.destinations().get(i).laneKey());
            String name = plan.names().get(i);
            if (name == null) {
                unnamed.add(lane);
            } else {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(lane);
            }
        }
        List<Lane> defaults = new ArrayList<>(plan.defaultIsUnnamed() ? unnamed : List.of());
        plan.defaultRoute().forEach(n -> defaults.addAll(byName.getOrDefault(n, List.of())));
        Map<Severity, List<Lane>> policy = new EnumMap<>(Severity.class);
        plan.policy().table().forEach((severity, names) -> {
            List<Lane> ls = new ArrayList<>();
            names.forEach(n -> ls.addAll(byName.getOrDefault(n, List.of())));
            policy.put(severity, ls);
        });
        return new Routes(lanes, byName, defaults, policy);
    }

    private static FloodGate[] gates(Settings settings, List<Lane> lanes) {
        FloodGate[] gates = new FloodGate[lanes.size()];
        if (settings.floodKeys() > 0) {
            for (int i = 0; i < gates.length; i++) {
                gates[i] = new FloodGate(settings.floodKeys(), settings.floodPeriod(), settings.coalesceWindow(),
                        settings.source());
            }
        }
        return gates;
    }

    /** How many lanes fold a flood now. */
    public int floods() {
        return router.flooding();
    }

    /**
     * Called by producers after an offer to an empty queue: wakes the loop only if it sleeps for want of work.
     * While events flow it naps for at most {@link #NAP_NANOS} and needs no wake-up, so a storm costs callers
     * no system call.
     */
    public void wake() {
        if (asleep) {
            wakeUps.incrementAndGet(); // the rare path: the loop had been idle for BUSY_NANOS at least
            thread.unpark();
        }
    }

    /** Wakes the loop if it is parked at all (a maintenance window opened or closed). */
    public void wakeAlways() {
        wakeNow();
    }

    /** How often producers have woken the loop from its sleep (not its naps). */
    long wakeUps() {
        return wakeUps.get();
    }

    /** How often the loop has gone to sleep until woken, and whether it sleeps now. */
    long sleeps() {
        return sleeps;
    }

    boolean asleep() {
        return asleep;
    }

    /** Tests only: sleep this long at most, so that only a wake-up can end the sleep in time. */
    void maxPark(Duration longest) {
        maxParkNanos = longest.toNanos();
    }

    /** Wakes the loop if it is parked at all: an answer arrived. */
    private void wakeNow() {
        if (parked) {
            thread.unpark();
        }
    }

    /** Asks the loop to send what it has until {@code deadlineNanos} ({@link System#nanoTime()}), then stop. */
    public void close(long deadlineNanos) {
        thread.close(deadlineNanos);
    }

    public boolean join(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    private void restarted(Throwable cause, int count) {
        counters.dispatcherRestarted();
        failures.failure("restart", "tocsin: the dispatch thread failed and was restarted ({} so far)", cause, count);
    }

    /** Settles what is left and releases resources, as far as that goes; never throws. */
    private void finishQuietly() {
        try {
            abandonRest();
        } catch (Throwable ignored) {
            finished = true; // callers that race close() settle their own events from now on (see sweep())
        }
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
                if (thread.closing() && !draining && intake.isEmpty()) {
                    draining = true;
                    coalescer.drain().forEach(update -> router.alert(update, null, internalSettlement(update)));
                }
                coalescer.due(now).forEach(update -> router.alert(update, null, internalSettlement(update)));
                router.floods(now, this::laneSettlement);
                maintenance.sweep(now);
                refresh(now);
                startSends(now);
            } catch (Throwable e) {
                // Failures of single events are settled where they happen; this is a bug in the loop itself. It
                // must not end delivery for the life of the application: count, report, pause, go on.
                counters.internalError();
                failures.failure("loop", "tocsin: unexpected failure in the dispatch loop; continuing", e);
                LockSupport.parkNanos(this, MAX_PARK_NANOS);
            }
            if (draining && (allIdle() || thread.outOfTime())) {
                return;
            }
            park(now);
        }
    }

    /**
     * Abandons events offered after the loop made its last sweep (a caller racing {@code close()}), so that
     * no stage is left incomplete. Does nothing while the loop runs.
     */
    public void sweep() {
        if (finished) {
            abandonQueued();
        }
    }

    private void takeIntake(Instant now) {
        int taken = 0;
        long bytes = 0;
        try {
            while (taken < BATCH) {
                Submission s = intake.poll();
                if (s == null) {
                    break;
                }
                taken++; // counted before anything can fail: its room is released whatever happens
                bytes += intake.weight(s);
                try {
                    admission.accept(s, clock.instant()); // per event: rules and windows judge it as of now
                } catch (Throwable e) {
                    counters.internalError();
                    counters.dropped("internal error");
                    try {
                        failures.failure("event", "tocsin: could not process an event; it is dropped", e);
                    } finally { // if the log fails, the stage completes all the same
                        Settlement.complete(s.result(), callbacks, new DeliveryResult(Status.DROPPED, null,
                                "could not be processed: " + Throwables.summary(e)));
                        onSettled.run();
                    }
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

    /** Re-sends what refreshing lanes keep alive; a lane with a backlog waits, its backlog is newer anyway. */
    private void refresh(Instant now) {
        for (Lane lane : lanes) {
            if (lane.refresher == null || !lane.idle()) {
                continue;
            }
            for (Alert a : lane.refresher.due(now)) {
                onDerived.run();
                router.resend(lane, a, now, new Settlement(null, callbacks, onSettled, a.dedupKey(), 1));
            }
        }
    }

    /** A flood summary is one lane's, and nobody's submission. */
    private Settlement laneSettlement(Alert summary) {
        onDerived.run();
        return new Settlement(null, callbacks, onSettled, summary.dedupKey(), 1);
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
        long wait = maxParkNanos;
        for (Lane lane : lanes) {
            wait = Math.min(wait, nanosUntil(now, lane.wakeAt()));
        }
        wait = Math.min(wait, nanosUntil(now, coalescer.nextDue()));
        wait = Math.min(wait, nanosUntil(now, router.nextFloodDue()));
        wait = Math.min(wait, nanosUntil(now, maintenance.nextChange(now)));
        for (Lane lane : lanes) {
            if (lane.refresher != null) {
                wait = Math.min(wait, nanosUntil(now, lane.refresher.nextDue()));
            }
        }
        if (thread.closing()) {
            wait = Math.min(wait, Math.max(0, thread.closeLeft()));
        }
        if (wait <= 0) {
            return;
        }
        boolean busy = System.nanoTime() - lastEventNanos < BUSY_NANOS;
        parked = true;
        asleep = !busy;
        if (!busy) {
            sleeps++; // the dispatch thread's own field: a plain increment is enough
        }
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
            LOG.warn(persistence.durable() && !persistence.failed()
                    ? "tocsin: closed with {} events undelivered; they stay in the spool for the next start"
                    : "tocsin: closed with {} events undelivered", left);
        }
        persistence.close();
        transport.close();
    }

    private int abandonQueued() {
        int n = 0;
        long bytes = 0;
        for (Submission s; (s = intake.poll()) != null; ) {
            n++;
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
