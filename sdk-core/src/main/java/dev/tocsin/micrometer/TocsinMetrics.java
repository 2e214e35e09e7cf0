package dev.tocsin.micrometer;

import dev.tocsin.spi.TocsinListener;
import dev.tocsin.spi.TocsinStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a client's counters, gauges and delivery-latency timer to a Micrometer registry. Only this class
 * touches Micrometer, which is an optional dependency of the core: without Micrometer on the class path,
 * nothing else needs it.
 *
 * <pre>{@code
 * Tocsin tocsin = Tocsin.builder().destination(pd).listener(new TocsinMetrics(registry)).build();
 * }</pre>
 *
 * <p>Meters: counters {@code tocsin.events} tagged {@code outcome} = accepted, dropped, coalesced (client-wide) and
 * delivered, retried, rejected, dead_lettered (tagged {@code lane}); timer {@code tocsin.delivery.latency} per lane;
 * counters {@code tocsin.internal.errors} and {@code tocsin.dispatcher.restarts}; gauges {@code tocsin.queue.depth},
 * {@code tocsin.outbox.depth}, {@code tocsin.breakers.open}, {@code tocsin.lanes.stopped}, {@code tocsin.spool.events},
 * {@code tocsin.spool.failed}, {@code tocsin.floods.active}, {@code tocsin.maintenance.active}; counters
 * {@code tocsin.events.suppressed} tagged {@code reason} = rule, maintenance, {@code tocsin.events.folded} tagged
 * {@code lane}, and {@code tocsin.rules.errors}.
 * Lane tags are destination names, which never hold a secret. Thread-safe.
 */
public final class TocsinMetrics implements TocsinListener {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TocsinMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void started(Supplier<TocsinStats> stats) {
        // The client holds its stats view for as long as it lives; the gauges hold it weakly, so they read NaN
        // once the client is gone, and do not keep it alive.
        gauge(stats, "tocsin.queue.depth", "Events waiting in the intake queue", s -> s.get().queueDepth());
        gauge(stats, "tocsin.outbox.depth", "Deliveries waiting in lanes", s -> s.get().outboxDepth());
        gauge(stats, "tocsin.breakers.open", "Lanes whose circuit breaker is open", s -> s.get().openBreakers());
        gauge(stats, "tocsin.lanes.stopped", "Lanes stopped by a TLS failure", s -> s.get().stoppedLanes());
        gauge(stats, "tocsin.spool.events", "Undelivered events in the disk spool", s -> s.get().spooled());
        gauge(stats, "tocsin.spool.failed", "1 if the disk spool failed and events are kept in memory only",
                s -> s.get().spoolFailed() ? 1 : 0);
        gauge(stats, "tocsin.floods.active", "Lanes folding a flood of distinct alerts into one summary",
                s -> s.get().floods());
        gauge(stats, "tocsin.maintenance.active", "Maintenance windows open now", s -> s.get().maintenanceWindows());
        suppressedCounter("rule");
        suppressedCounter("maintenance");
        ruleErrors();
        internalErrors();
        restarts();
    }

    private void gauge(Supplier<TocsinStats> stats, String name, String help,
            ToDoubleFunction<Supplier<TocsinStats>> value) {
        Gauge.builder(name, stats, value).description(help).strongReference(false).register(registry);
    }

    @Override
    public void accepted() {
        count("accepted", null);
    }

    @Override
    public void dropped(String reason) {
        count("dropped", null);
    }

    @Override
    public void coalesced() {
        count("coalesced", null);
    }

    @Override
    public void delivered(String lane, Duration latency) {
        count("delivered", lane);
        timers.computeIfAbsent(lane, l -> Timer.builder("tocsin.delivery.latency")
                .description("From acceptance to the destination's success answer")
                .tags("lane", l).register(registry)).record(latency);
    }

    @Override
    public void retried(String lane) {
        count("retried", lane);
    }

    @Override
    public void rejected(String lane) {
        count("rejected", lane);
    }

    @Override
    public void deadLettered(String lane) {
        count("dead_lettered", lane);
    }

    @Override
    public void suppressed(String reason) {
        suppressedCounter(reason).increment();
    }

    @Override
    public void folded(String lane) {
        counters.computeIfAbsent("~folded|" + lane, k -> Counter.builder("tocsin.events.folded")
                .description("Triggers folded into a lane's flood summary").tags("lane", lane)
                .register(registry)).increment();
    }

    @Override
    public void ruleFailed() {
        ruleErrors().increment();
    }

    private Counter suppressedCounter(String reason) {
        return counters.computeIfAbsent("~suppressed|" + reason, k -> Counter.builder("tocsin.events.suppressed")
                .description("Triggers suppressed on purpose by a rule or a maintenance window")
                .tags("reason", reason).register(registry));
    }

    private Counter ruleErrors() {
        return counters.computeIfAbsent("|rules", k -> Counter.builder("tocsin.rules.errors")
                .description("Rule evaluations that failed; the rule then counted as not matching")
                .register(registry));
    }

    @Override
    public void internalError() {
        internalErrors().increment();
    }

    @Override
    public void dispatcherRestarted() {
        restarts().increment();
    }

    /** Registered at start too, so that dashboards and alerts see zero rather than nothing. */
    private Counter internalErrors() {
        return counters.computeIfAbsent("|internal", k -> Counter.builder("tocsin.internal.errors")
                .description("Failures inside the SDK while processing an event or running its dispatch loop")
                .register(registry));
    }

    private Counter restarts() {
        return counters.computeIfAbsent("|restart", k -> Counter.builder("tocsin.dispatcher.restarts")
                .description("Times the dispatch thread ended unexpectedly and was started again")
                .register(registry));
    }

    private void count(String outcome, String lane) {
        counters.computeIfAbsent(outcome + "|" + lane, k -> Counter.builder("tocsin.events")
                .description("Events by what became of them")
                .tags(lane == null ? Tags.of("outcome", outcome) : Tags.of("outcome", outcome, "lane", lane))
                .register(registry)).increment();
    }
}
