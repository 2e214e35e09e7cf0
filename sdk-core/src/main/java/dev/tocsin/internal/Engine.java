package dev.tocsin.internal;

import dev.tocsin.compat.Compatibility;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Intake;
import dev.tocsin.internal.intake.Outstanding;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.intake.Submission;
import dev.tocsin.internal.outbox.Lane;
import dev.tocsin.internal.outbox.Lanes;
import dev.tocsin.internal.outbox.Persistence;
import dev.tocsin.internal.pipeline.Dispatcher;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.rules.Maintenance;
import dev.tocsin.internal.transport.HttpTransport;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.spi.DaemonThreads;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind the public client: the caller-facing half, which only checks, captures and offers to the
 * {@link Intake}, and owns the parts behind it (dispatch loop, lanes, spool) from start to close.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Settings settings;
    private final Intake intake;
    private final Counters counters;
    private final List<Lane> lanes;
    private final Dispatcher dispatcher;
    private final ExecutorService callbacks;
    private final RateLimitedLog warnings;
    private final Outstanding outstanding = new Outstanding();
    /** The one stats view listeners get: held here, so that a listener holding it weakly sees it go with us. */
    private final Supplier<TocsinStats> statsView = this::stats;
    private final Persistence persistence;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    /** Closes the engine when the JVM exits; {@code null} if the settings say not to. */
    private final Thread exitHook;
    private final Maintenance maintenance;

    private Engine(Settings settings) {
        this.settings = settings;
        this.persistence = Persistence.open(settings); // first: a locked spool fails build() before threads start
        this.intake = new Intake(settings.queueCapacity(), settings.queueBytes());
        this.counters = new Counters(settings.listeners());
        this.warnings = new RateLimitedLog(LOG, settings.clock(), Duration.ofSeconds(30));
        this.callbacks = Executors.newSingleThreadExecutor(DaemonThreads.named("tocsin-callbacks"));
        outstanding.derived(persistence.recovered().size()); // replayed events count for flush() like new ones
        this.lanes = Lanes.of(settings, counters, warnings, persistence);
        HttpTransport transport = new HttpTransport(settings.connectTimeout(), settings.requestTimeout());
        this.exitHook = settings.closeOnExit() ? new Thread(this::close, "tocsin-shutdown") : null;
        this.maintenance = new Maintenance(settings.clock(), counters, settings.maintenance(), this::wake);
        this.dispatcher = new Dispatcher(settings, intake, lanes, transport, counters, callbacks,
                outstanding::settled, outstanding::handled, () -> outstanding.derived(1), persistence, maintenance);
    }

    /**
     * Builds and starts an engine from checked settings, once the libraries on the class path are known to fit.
     *
     * @throws IllegalStateException if a library is outside the supported versions; the message names it
     */
    public static Engine start(Settings settings) {
        Compatibility.check(settings.listeners());
        Engine engine;
        try {
            engine = new Engine(settings);
        } catch (LinkageError e) {
            throw Compatibility.linkageFailure(e); // an application must never see a LinkageError from build()
        }
        engine.dispatcher.start();
        if (engine.exitHook != null) {
            try {
                Runtime.getRuntime().addShutdownHook(engine.exitHook);
            } catch (IllegalStateException e) {
                // built while the JVM is already shutting down: nothing left to hook into
            }
        }
        engine.counters.tell(l -> l.started(engine.statsView));
        return engine;
    }

    /** The dispatch loop, for tests of its wake rule. */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Whether a JVM shutdown hook closes this engine. */
    public boolean closesOnExit() {
        return exitHook != null;
    }

    /** Sends an alert, with the failure it is about or {@code null}. */
    public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
        if (alert == null) {
            return refused("alert is null");
        }
        return submit(alert, error, estimate(alert) + (error == null ? 0 : 4096));
    }

    public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
        return submit(Alert.acknowledge(dedupKey).build(), null, 256);
    }

    public CompletionStage<DeliveryResult> resolve(String dedupKey) {
        return submit(Alert.resolve(dedupKey).build(), null, 256);
    }

    public CompletionStage<DeliveryResult> change(ChangeEvent event) {
        if (event == null) {
            return refused("change event is null");
        }
        return submit(event, null, 256 + (event.summary() == null ? 0 : 2L * event.summary().length())
                + 64L * event.details().size());
    }

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
            Instant acceptedAt) {
        if (closed) {
            counters.dropped("closed");
            return "client is closed";
        }
        outstanding.offered();
        int queued = intake.offer(new Submission(event, error, acceptedAt, bytes, result, Rank.ofEvent(event)));
        if (queued == 0) {
            outstanding.handled(1);
            outstanding.settled();
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

    public boolean flush(Duration timeout) {
        return outstanding.awaitSettled(timeout);
    }

    public boolean persist(Duration timeout) {
        if (!persistence.durable()) {
            return flush(timeout);
        }
        long start = System.nanoTime();
        boolean waited = outstanding.awaitHandled(timeout);
        // Drops since the last call: any of them may be one of the events this call answers for. Taken as seen even
        // when the wait timed out: this call's false reports them.
        boolean dropped = outstanding.dropsSince(counters.dropped.sum());
        if (!waited || dropped) {
            return false;
        }
        if (persistence.failed()) {
            // The spool failed: some of these events may be in memory only, and only delivery makes them safe.
            return flush(timeout.minusNanos(System.nanoTime() - start));
        }
        return true;
    }

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
                counters.internalErrors.sum(), counters.dispatcherRestarts.sum(), counters.suppressed.sum(),
                counters.folded.sum(), dispatcher.floods(), maintenance.active(), counters.ruleErrors.sum());
    }

    /** Opens a maintenance window; see {@code Tocsin.maintenance}. */
    public MaintenanceWindow maintenance(String name, Duration length, Condition matcher) {
        return maintenance.open(name, length, matcher);
    }

    public List<MaintenanceWindow> maintenanceWindows() {
        return maintenance.windows();
    }

    /** Wakes the dispatch loop whatever it does: a window opened or closed, so its sleep must be measured again. */
    private void wake() {
        Dispatcher d = dispatcher;
        if (d != null) {
            d.wakeAlways();
        }
    }

    /** The names of the lanes, in the order the destinations were added. */
    public List<String> laneNames() {
        return lanes.stream().map(l -> l.name).toList();
    }

    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        if (exitHook != null && Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs, finds the engine closed, and returns
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
        return "Tocsin" + laneNames();
    }
}
