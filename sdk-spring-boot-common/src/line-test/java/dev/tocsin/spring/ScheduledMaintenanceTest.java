package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A maintenance window from {@code tocsin.maintenance}: on its days, from its local time to its local time in its
 * zone, the triggers it matches are suppressed; the endpoint lists it and leaves it open when asked to close it.
 * The client's clock is the test's.
 */
class ScheduledMaintenanceTest {
    /** Saturday 3 May 2031, 02:30 in Berlin (summer time, UTC+2). */
    static final Instant SATURDAY_0230_BERLIN = Instant.parse("2031-05-03T00:30:00Z");

    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private final MutableClock clock = new MutableClock(SATURDAY_0230_BERLIN);

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootLine.tocsin())
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                        "tocsin.health.enabled=false", "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=2s",
                        "tocsin.pagerduty.routing-key=" + InboxFixture.ROUTING_KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint(),
                        "tocsin.maintenance[0].name=nightly-backup", "tocsin.maintenance[0].days=SAT, SUN",
                        "tocsin.maintenance[0].from=02:00", "tocsin.maintenance[0].to=03:30",
                        "tocsin.maintenance[0].zone=Europe/Berlin",
                        "tocsin.maintenance[0].when=component == 'database'")
                .withBean(java.time.Clock.class, () -> clock)
                .withBean(TocsinCustomizer.class, () -> b -> b.clock(clock));
    }

    private static DeliveryResult.Status send(Tocsin tocsin, String key, String component) throws Exception {
        return tocsin.trigger(Alert.trigger(key + " failed").dedupKey(key).component(component).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS).status();
    }

    @Test
    void theWindowSuppressesWhatItMatchesWhileItIsOpen() {
        runner().run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            MaintenanceEndpoint endpoint = ctx.getBean(MaintenanceEndpoint.class);
            assertThat(send(tocsin, "backup-lag", "database")).isEqualTo(DeliveryResult.Status.SUPPRESSED);
            assertThat(send(tocsin, "checkout", "web")).isEqualTo(DeliveryResult.Status.DELIVERED);

            assertThat(MaintenanceEndpointTest.windows(endpoint)).singleElement().satisfies(w -> assertThat(w)
                    .containsEntry("name", "nightly-backup").containsEntry("scheduled", true)
                    .containsEntry("active", true).containsEntry("suppressed", 1L)
                    .containsEntry("start", "2031-05-03T00:00:00Z").containsEntry("end", "2031-05-03T01:30:00Z"));
            assertThat(endpoint.close("nightly-backup")).containsEntry("closed", 0).containsKey("message");
            ComponentHealth health = BootLine.health(ctx, "tocsinHealthIndicator");
            assertThat(health.details()).containsEntry("maintenanceWindows", 1).containsEntry("suppressed", 1L);

            clock.advance(Duration.ofHours(1)); // 03:30 in Berlin: over
            assertThat(send(tocsin, "backup-failed", "database")).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(tocsin.maintenanceWindows()).singleElement().satisfies(w -> {
                assertThat(w.active()).isFalse();
                assertThat(w.start()).as("Sunday's").isEqualTo(Instant.parse("2031-05-04T00:00:00Z"));
            });
            assertThat(tocsin.stats().maintenanceWindows()).isZero();
            assertThat(api.inbox().incident("backup-lag")).isEmpty();
            assertThat(api.inbox().awaitIncident("backup-failed", Duration.ofSeconds(10)).open()).isTrue();
        });
    }
}
