package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.spi.TocsinStats;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The {@code tocsin} health component shows failures that would otherwise only be log lines. */
class PipelineHealthTest {

    @Test
    void anEventTheSdkCouldNotProcessIsShownWithoutTurningTheComponentDown() {
        TocsinAutoConfiguration.PipelineHealthListener listener = new TocsinAutoConfiguration.PipelineHealthListener();
        listener.started(Tocsin.noop()::stats);

        listener.internalError();
        Health health = PipelineHealth.of(listener).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKeys("internalErrors", "dispatcherRestarts", "lastInternalError");
    }

    @Test
    void aRestartOfTheDispatchThreadTurnsTheComponentDown() {
        TocsinAutoConfiguration.PipelineHealthListener listener = new TocsinAutoConfiguration.PipelineHealthListener();
        listener.started(Tocsin.noop()::stats);

        assertThat(PipelineHealth.of(listener).health().getStatus()).isEqualTo(Status.UP);

        listener.dispatcherRestarted();

        Health health = PipelineHealth.of(listener).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("lastDispatcherRestart");
    }

    @Test
    void aFailedSpoolTurnsTheComponentDown() {
        TocsinAutoConfiguration.PipelineHealthListener listener = new TocsinAutoConfiguration.PipelineHealthListener();
        TocsinStats failed = new TocsinStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 0, 0);
        listener.started(() -> failed);

        Health health = PipelineHealth.of(listener).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("spoolFailed", true);
    }
}
