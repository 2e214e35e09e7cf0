package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinStats;
import dev.tocsin.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code tocsin} health component shows failures that would otherwise only be log lines. */
class PipelineReportTest {

    @Test
    void anEventTheSdkCouldNotProcessIsShownWithoutTurningTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        listener.started(Tocsin.noop()::stats);

        listener.internalError();
        ComponentHealth health = PipelineReport.of(listener).read();

        assertThat(health.status()).isEqualTo(ComponentHealth.UP);
        assertThat(health.details()).containsKeys("internalErrors", "dispatcherRestarts", "lastInternalError");
    }

    @Test
    void aRestartOfTheDispatchThreadTurnsTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        listener.started(Tocsin.noop()::stats);

        assertThat(PipelineReport.of(listener).read().status()).isEqualTo(ComponentHealth.UP);

        listener.dispatcherRestarted();

        ComponentHealth health = PipelineReport.of(listener).read();
        assertThat(health.status()).isEqualTo(ComponentHealth.DOWN);
        assertThat(health.details()).containsKey("lastDispatcherRestart");
    }

    @Test
    void theRecentRestartWindowFollowsTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-04T10:00:00Z"));
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(clock);
        listener.started(Tocsin.noop()::stats);

        listener.dispatcherRestarted();
        clock.advance(PipelineReport.RECENT.minusSeconds(1));

        ComponentHealth recent = PipelineReport.of(listener).read();
        assertThat(recent.status()).isEqualTo(ComponentHealth.DOWN);
        assertThat(recent.details()).containsEntry("lastDispatcherRestart", "2031-05-04T10:00:00Z");

        clock.advance(Duration.ofSeconds(2)); // no wall-clock time passes in this test

        ComponentHealth past = PipelineReport.of(listener).read();
        assertThat(past.status()).isEqualTo(ComponentHealth.UP);
        assertThat(past.details()).doesNotContainKey("lastDispatcherRestart");
    }

    @Test
    void aFailedSpoolTurnsTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        TocsinStats failed = new TocsinStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0);
        listener.started(() -> failed);

        ComponentHealth health = PipelineReport.of(listener).read();

        assertThat(health.status()).isEqualTo(ComponentHealth.DOWN);
        assertThat(health.details()).containsEntry("spoolFailed", true);
    }

    @Test
    void floodsSuppressionsWindowsAndRuleErrorsAreShownWithoutTurningTheComponentDown() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-04T10:00:00Z"));
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(clock);
        TocsinStats busy = new TocsinStats(100, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 7, 40, 1, 2, 3);
        listener.started(() -> busy);

        listener.ruleFailed();
        ComponentHealth health = PipelineReport.of(listener).read();

        assertThat(health.status()).as("a flood still pages, as one summary; a failing rule lets its events"
                + " through").isEqualTo(ComponentHealth.UP);
        assertThat(health.details()).containsEntry("suppressed", 7L).containsEntry("folded", 40L)
                .containsEntry("floods", 1).containsEntry("flooding", true).containsEntry("maintenanceWindows", 2)
                .containsEntry("ruleErrors", 3L).containsEntry("lastRuleError", "2031-05-04T10:00:00Z");

        clock.advance(PipelineReport.RECENT);
        assertThat(PipelineReport.of(listener).read().details()).doesNotContainKey("lastRuleError")
                .containsEntry("ruleErrors", 3L);
    }

    @Test
    void aDeadLetterStillTurnsTheComponentDownWhateverTheRulesDo() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        TocsinStats quiet = new TocsinStats(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, false, 0, 0, 5, 0, 0, 1, 0);
        listener.started(() -> quiet);

        listener.deadLettered("pagerduty(…0abc)");

        assertThat(PipelineReport.of(listener).read().status()).isEqualTo(ComponentHealth.DOWN);
    }
}
