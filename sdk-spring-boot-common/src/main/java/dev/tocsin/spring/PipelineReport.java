package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of the alerting pipeline itself, which each Spring Boot line's starter shows as the actuator's
 * {@code tocsin} component (there, a {@code HealthIndicator} of that line's health API over {@link #read()}): DOWN when a lane's
 * circuit breaker is open or a lane stopped, when the intake queue is nearly full, or when, in the last five
 * minutes, events were dead-lettered or the dispatch thread had to be restarted, and while the disk spool has
 * failed (events are kept in memory only). A silent pager is then visible
 * like any other broken dependency. Events the SDK could not process are shown ({@code internalErrors},
 * {@code lastInternalError}) without turning the component DOWN: one odd event must not fail a readiness probe.
 *
 * <p>What the rules do is shown and never turns the component DOWN, since DOWN is kept for pages that cannot be
 * delivered: {@code suppressed} (by rules and maintenance windows), {@code folded} (into flood summaries),
 * {@code floods} (destinations folding a flood now; {@code flooding} is then {@code true}), {@code maintenanceWindows}
 * (open now) and {@code ruleErrors} (evaluations that failed, the rule then not matching; {@code lastRuleError}
 * within the last five minutes). A flood still pages, as one summary alert per destination, and a failing rule lets
 * its events through, so neither is a silent pager; a readiness probe that failed for them would take an application
 * out of service for being noisy.
 */
final class PipelineReport {
    static final Duration RECENT = Duration.ofMinutes(5);
    private final TocsinAutoConfiguration.PipelineHealthListener source;
    private final int queueCapacity;
    private final Clock clock;

    /** @param clock what "recent" is measured by: the clock {@code source} stamps events with */
    PipelineReport(TocsinAutoConfiguration.PipelineHealthListener source, int queueCapacity, Clock clock) {
        this.source = source;
        this.queueCapacity = queueCapacity;
        this.clock = clock;
    }

    /** The indicator for a client with the default intake queue, by the listener's clock. */
    static PipelineReport of(TocsinAutoConfiguration.PipelineHealthListener source) {
        return new PipelineReport(source, Tocsin.Builder.DEFAULT_QUEUE_CAPACITY, source.clock());
    }

    /** The pipeline's health now: {@code UNKNOWN} before the client started, else {@code UP} or {@code DOWN}. */
    ComponentHealth read() {
        java.util.function.Supplier<TocsinStats> stats = source.stats();
        if (stats == null) {
            return new ComponentHealth(ComponentHealth.UNKNOWN, Map.of());
        }
        TocsinStats s = stats.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queueDepth", s.queueDepth());
        details.put("outboxDepth", s.outboxDepth());
        details.put("spooled", s.spooled());
        details.put("spoolFailed", s.spoolFailed());
        details.put("openBreakers", s.openBreakers());
        details.put("stoppedLanes", s.stoppedLanes());
        details.put("deadLettered", s.deadLettered());
        details.put("dropped", s.dropped());
        details.put("internalErrors", s.internalErrors());
        details.put("dispatcherRestarts", s.dispatcherRestarts());
        details.put("suppressed", s.suppressed());
        details.put("folded", s.folded());
        details.put("floods", s.floods());
        details.put("flooding", s.floods() > 0);
        details.put("maintenanceWindows", s.maintenanceWindows());
        details.put("ruleErrors", s.ruleErrors());
        Instant last = source.lastDeadLetter();
        boolean recentDeadLetters = recent(last);
        Instant failed = source.lastInternalError();
        Instant restarted = source.lastRestart();
        boolean recentRestart = recent(restarted);
        boolean nearlyFull = s.queueDepth() >= queueCapacity * 9L / 10;
        String status = s.openBreakers() > 0 || s.stoppedLanes() > 0 || nearlyFull || recentDeadLetters
                || recentRestart || s.spoolFailed() ? ComponentHealth.DOWN : ComponentHealth.UP;
        if (recentDeadLetters) {
            details.put("lastDeadLetter", last.toString());
        }
        if (recent(failed)) {
            details.put("lastInternalError", failed.toString());
        }
        if (recentRestart) {
            details.put("lastDispatcherRestart", restarted.toString());
        }
        Instant ruleError = source.lastRuleError();
        if (recent(ruleError)) {
            details.put("lastRuleError", ruleError.toString());
        }
        return new ComponentHealth(status, details);
    }

    private boolean recent(Instant at) {
        return at != null && at.isAfter(clock.instant().minus(RECENT));
    }
}
