package dev.tocsin.internal;

import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.DeliveryResult;
import dev.tocsin.DeliveryResult.Status;
import dev.tocsin.Severity;
import dev.tocsin.Tocsin;
import dev.tocsin.TocsinStats;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.PendingAlert;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client behind {@link Tocsin}: the caller-facing half, which only checks, captures and offers. */
public final class Client implements Tocsin {
    private static final Logger LOG = LoggerFactory.getLogger(Client.class);

    private final Settings settings;
    private final Intake intake;
    private final Counters counters;
    private final List<Lane> lanes;
    private final Dispatcher dispatcher;
    private final ExecutorService callbacks;
    private final RateLimitedLog warnings;
    // Submitted minus settled is what flush() waits for; two adders keep producers and the dispatch thread
    // off one contended counter.
    private final LongAdder submitted = new LongAdder();
    private final LongAdder settledCount = new LongAdder();
    private final AtomicInteger flushers = new AtomicInteger();
    /**
     * Callers' submissions, and those refused at once or taken and stored by the dispatch thread: persist() waits
     * until the second reaches what the first was when it was called. Events the pipeline makes itself (storm
     * updates, re-sends) and events replayed from the spool count in neither: they are nobody's submission.
     */
    private final LongAdder offered = new LongAdder();
    private final LongAdder handled = new LongAdder();
    /** The drop count the last persist() saw: a drop since then makes the next one false. */
    private final java.util.concurrent.atomic.AtomicLong dropsSeen = new java.util.concurrent.atomic.AtomicLong();
    private final Persistence persistence;
    private final ReentrantLock settledLock = new ReentrantLock();
    private final Condition allSettled = settledLock.newCondition();
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;
    /** Closes the client when the JVM exits; {@code null} if the settings say not to. */
    private final Thread exitHook;

    private Client(Settings settings) {
        this.settings = settings;
        this.persistence = Persistence.open(settings); // first: a locked spool fails build() before threads start
        this.intake = new Intake(settings.queueCapacity(), settings.queueBytes());
        this.counters = new Counters(settings.listeners());
        this.warnings = new RateLimitedLog(LOG, settings.clock(), Duration.ofSeconds(30));
        this.callbacks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tocsin-callbacks");
            t.setDaemon(true);
            return t;
        });
        this.submitted.add(persistence.recovered().size()); // replayed events count for flush() like new ones
        this.lanes = lanes(settings, counters, warnings, persistence);
        HttpTransport transport = new HttpTransport(settings.connectTimeout(), settings.requestTimeout());
        this.exitHook = settings.closeOnExit() ? new Thread(this::close, "tocsin-shutdown") : null;
        this.dispatcher = new Dispatcher(settings, intake, lanes, transport, counters, callbacks, this::settled,
                this::handled, submitted::increment, persistence);
    }

    /**
     * Builds and starts a client from checked settings, once the libraries on the class path are known to fit.
     *
     * @throws IllegalStateException if a library is outside the supported versions; the message names it
     */
    public static Client start(Settings settings) {
        Compatibility.check(settings.listeners());
        Client client;
        try {
            client = new Client(settings);
        } catch (LinkageError e) {
            throw Compatibility.linkageFailure(e); // an application must never see a LinkageError from build()
        }
        client.dispatcher.start();
        if (client.exitHook != null) {
            try {
                Runtime.getRuntime().addShutdownHook(client.exitHook);
            } catch (IllegalStateException e) {
                // built while the JVM is already shutting down: nothing left to hook into
            }
        }
        client.counters.tell(l -> l.started(client));
        return client;
    }

    /** The dispatch loop, for tests of its wake rule. */
    Dispatcher dispatcher() {
        return dispatcher;
    }

    private static List<Lane> lanes(Settings s, Counters counters, RateLimitedLog warnings, Persistence persistence) {
        Map<String, Lane> byKey = new LinkedHashMap<>();
        Resilience resilience = Resilience.onClassPath();
        // The pace outside a burst: one permit per period/permits, not permits per period, since a fixed window
        // would let twice the limit through around a window's edge. RateLimit keeps the sliding window itself.
        RateLimiterConfig pace = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(s.ratePeriod().dividedBy(s.ratePermits()))
                .timeoutDuration(Duration.ZERO)
                .build();
        for (Destination d : s.destinations().stream().flatMap(x -> x.lanes().stream()).toList()) {
            byKey.computeIfAbsent(d.laneKey(), k -> new Lane(d, s.bufferCapacity(),
                    resilience.breaker("tocsin-" + d.name(), s.breaker(), s.clock()),
                    new RateLimit(resilience.limiter("tocsin-" + d.name(), pace, s.clock()), s.ratePermits(),
                            s.ratePeriod()),
                    new Backoff(s.backoffInitial(), s.backoffMax()), s.throttleFloor(), counters, warnings,
                    persistence, s.clock()));
        }
        return List.copyOf(new ArrayList<>(byKey.values()));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert) {
        if (alert == null) {
            return refused("alert is null");
        }
        return submit(alert, null, estimate(alert));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
        return trigger(Alert.trigger(summary).severity(severity).build());
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        if (alert == null) {
            return refused("alert is null");
        }
        return submit(alert, error, estimate(alert) + (error == null ? 0 : 4096));
    }

    @Override
    public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
        return trigger(Alert.trigger(summary).severity(Severity.ERROR).build(), error);
    }

    @Override
    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return submit(Alert.acknowledge(dedupKey).build(), null, 256);
    }

    @Override
    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return submit(Alert.resolve(dedupKey).build(), null, 256);
    }

    @Override
    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        if (event == null) {
            return refused("change event is null");
        }
        return submit(event, null, 256 + (event.summary() == null ? 0 : 2L * event.summary().length())
                + 64L * event.details().size());
    }

    @Override
    public boolean offer(PendingAlert alert) {
        if (alert == null) {
            counters.dropped("null pending alert");
            return false;
        }
        // No clock read here: a pending alert is stamped when the dispatch thread takes it.
        return enqueue(alert, null, alert.sizeEstimate(), null, null) == null;
    }

    private CompletionStage<DeliveryResult> submit(Object event, Throwable error, long bytes) {
        CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        String refusal = enqueue(event, error, bytes, result, settings.clock().instant());
        if (refusal != null) {
            result.complete(new DeliveryResult(Status.DROPPED, null, refusal));
        }
        return result;
    }

    /** The one bounded offer of the caller's thread. Returns why it was refused, or {@code null}. */
    private String enqueue(Object event, Throwable error, long bytes, CompletableFuture<DeliveryResult> result,
            java.time.Instant acceptedAt) {
        if (closed) {
            counters.dropped("closed");
            return "client is closed";
        }
        submitted.increment();
        offered.increment();
        int queued = intake.offer(new Submission(event, error, acceptedAt, bytes, result, Rank.ofEvent(event)));
        if (queued == 0) {
            handled(1);
            settled();
            counters.dropped("queue full");
            warnings.warn("queue-full", "tocsin: intake queue is full ({} events); dropped the newest event",
                    settings.queueCapacity());
            return "intake queue full";
        }
        counters.accepted();
        if (queued < 0) {
            warnings.warn("queue-shed", "tocsin: intake queue is full ({} events); a less severe event is shed "
                    + "for a more severe one", settings.queueCapacity());
        } else if (queued == 1) {
            dispatcher.wake(); // the queue was empty, so the loop may be parked; otherwise it is busy anyway
        }
        if (closed) {
            dispatcher.sweep(); // raced close(): if the loop already stopped, settle rather than strand it
        }
        return null;
    }

    private CompletionStage<DeliveryResult> refused(String why) {
        counters.rejected("client");
        warnings.warn("refused:" + why, "tocsin: {}; ignored", why);
        return CompletableFuture.completedFuture(new DeliveryResult(Status.REJECTED, null, why));
    }

    /** A cheap upper-bound guess of an alert's retained size, without walking its detail values. */
    private static long estimate(Alert a) {
        long bytes = 256;
        bytes += a.summary() == null ? 0 : 2L * a.summary().length();
        for (Map.Entry<String, Object> e : a.details().entrySet()) {
            bytes += 64 + 2L * e.getKey().length()
                    + (e.getValue() instanceof CharSequence cs ? 2L * cs.length() : 64);
        }
        return bytes;
    }

    private void settled() {
        settledCount.increment();
        if (flushers.get() > 0 && outstanding() == 0) {
            signal();
        }
    }

    private long outstanding() {
        return submitted.sum() - settledCount.sum();
    }

    private void handled(long n) {
        handled.add(n);
        if (flushers.get() > 0) {
            signal();
        }
    }

    private void signal() {
        settledLock.lock();
        try {
            allSettled.signalAll();
        } finally {
            settledLock.unlock();
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        return await(timeout, () -> outstanding() > 0);
    }

    @Override
    public boolean persist(Duration timeout) {
        if (!persistence.durable()) {
            return flush(timeout);
        }
        long start = System.nanoTime();
        long target = offered.sum();
        boolean waited = await(timeout, () -> handled.sum() < target);
        // Drops since the last call: any of them may be one of the events this call answers for. Taken as seen even
        // when the wait timed out: this call's false reports them.
        long drops = counters.dropped.sum();
        boolean dropped = dropsSeen.getAndSet(drops) != drops;
        if (!waited || dropped) {
            return false;
        }
        if (persistence.failed()) {
            // The spool failed: some of these events may be in memory only, and only delivery makes them safe.
            return flush(timeout.minusNanos(System.nanoTime() - start));
        }
        return true;
    }

    private boolean await(Duration timeout, java.util.function.BooleanSupplier pending) {
        long deadline = System.nanoTime() + timeout.toNanos();
        flushers.incrementAndGet();
        settledLock.lock();
        try {
            while (pending.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                allSettled.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            settledLock.unlock();
            flushers.decrementAndGet();
        }
    }

    @Override
    public TocsinStats stats() {
        int outbox = 0;
        int open = 0;
        int stopped = 0;
        for (Lane lane : lanes) {
            outbox += lane.depth();
            open += lane.breakerOpen() ? 1 : 0;
            stopped += lane.stopped() ? 1 : 0;
        }
        return new TocsinStats(counters.accepted.sum(), counters.delivered.sum(), counters.retried.sum(),
                counters.rejected.sum(), counters.dropped.sum(), counters.coalesced.sum(),
                counters.deadLettered.sum(), intake.size(), outbox, open, stopped, persistence.size(),
                persistence.failed(),
                counters.internalErrors.sum(), counters.dispatcherRestarts.sum());
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        if (exitHook != null && Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs, finds the client closed, and returns
            }
        }
        Duration timeout = settings.shutdownTimeout();
        dispatcher.close(System.nanoTime() + timeout.toNanos());
        try {
            if (!dispatcher.join(timeout.plusMillis(500))) {
                LOG.warn("tocsin: the dispatch thread did not stop within {} ms", timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdown();
    }

    @Override
    public String toString() {
        return "Tocsin" + lanes.stream().map(l -> l.name).toList();
    }
}
