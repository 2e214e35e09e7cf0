package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinStats;
import dev.tocsin.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The {@code tocsin} health component shows failures that would otherwise only be log lines. */
class PipelineHealthTest {

    @Test
    void anEventTheSdkCouldNotProcessIsShownWithoutTurningTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        listener.started(Tocsin.noop()::stats);

        listener.internalError();
        Health health = PipelineHealth.of(listener).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("internalErrors", "dispatcherRestarts", "lastInternalError");
    }

    @Test
    void aRestartOfTheDispatchThreadTurnsTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        listener.started(Tocsin.noop()::stats);

        assertThat(PipelineHealth.of(listener).health().getStatus()).isEqualTo(Status.UP);

        listener.dispatcherRestarted();

        Health health = PipelineHealth.of(listener).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("lastDispatcherRestart");
    }

    @Test
    void theRecentRestartWindowFollowsTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-04T10:00:00Z"));
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(clock);
        listener.started(Tocsin.noop()::stats);

        listener.dispatcherRestarted();
        clock.advance(PipelineHealth.RECENT.minusSeconds(1));

        Health recent = PipelineHealth.of(listener).health();
        assertThat(recent.getStatus()).isEqualTo(Status.DOWN);
        assertThat(recent.getDetails()).containsEntry("lastDispatcherRestart", "2031-05-04T10:00:00Z");

        clock.advance(Duration.ofSeconds(2)); // no wall-clock time passes in this test

        Health past = PipelineHealth.of(listener).health();
        assertThat(past.getStatus()).isEqualTo(Status.UP);
        assertThat(past.getDetails()).doesNotContainKey("lastDispatcherRestart");
    }

    @Test
    void aFailedSpoolTurnsTheComponentDown() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        TocsinStats failed = new TocsinStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0);
        listener.started(() -> failed);

        Health health = PipelineHealth.of(listener).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("spoolFailed", true);
    }

    @Test
    void floodsSuppressionsWindowsAndRuleErrorsAreShownWithoutTurningTheComponentDown() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-04T10:00:00Z"));
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(clock);
        TocsinStats busy = new TocsinStats(100, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 7, 40, 1, 2, 3);
        listener.started(() -> busy);

        listener.ruleFailed();
        Health health = PipelineHealth.of(listener).health();

        assertThat(health.getStatus()).as("a flood still pages, as one summary; a failing rule lets its events"
                + " through").isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("suppressed", 7L).containsEntry("folded", 40L)
                .containsEntry("floods", 1).containsEntry("flooding", true).containsEntry("maintenanceWindows", 2)
                .containsEntry("ruleErrors", 3L).containsEntry("lastRuleError", "2031-05-04T10:00:00Z");

        clock.advance(PipelineHealth.RECENT);
        assertThat(PipelineHealth.of(listener).health().getDetails()).doesNotContainKey("lastRuleError")
                .containsEntry("ruleErrors", 3L);
    }

    @Test
    void aDeadLetterStillTurnsTheComponentDownWhateverTheRulesDo() {
        var listener = new TocsinAutoConfiguration.PipelineHealthListener(Clock.systemUTC());
        TocsinStats quiet = new TocsinStats(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, false, 0, 0, 5, 0, 0, 1, 0);
        listener.started(() -> quiet);

        listener.deadLettered("pagerduty(…0abc)");

        assertThat(PipelineHealth.of(listener).health().getStatus()).isEqualTo(Status.DOWN);
    }
}
