package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tocsin.LogCapture;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Maintenance windows from code and from a schedule, on an injected clock. */
class MaintenanceTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static DeliveryResult result(java.util.concurrent.CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWindowFromCodeSuppressesWhatItMatchesDeliversResolvesAndLogsItsEnd() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        Tocsin tocsin = api.track(api.builder().clock(clock).build());
        tocsin.trigger(Alert.trigger("checkout down").dedupKey("checkout").component("checkout").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();

        try (LogCapture log = new LogCapture()) {
            MaintenanceWindow deploy = tocsin.maintenance("deploy 1.4.2", Duration.ofMinutes(15),
                    Condition.of("component == checkout"));
            assertThat(tocsin.stats().maintenanceWindows()).isEqualTo(1);
            assertThat(tocsin.maintenanceWindows()).extracting(MaintenanceWindow::name).containsExactly("deploy 1.4.2");

            DeliveryResult suppressed = result(tocsin.trigger(Alert.trigger("checkout 502").component("checkout")
                    .build()));
            DeliveryResult other = result(tocsin.trigger(Alert.trigger("search slow").component("search").build()));
            DeliveryResult resolve = result(tocsin.resolve("checkout"));
            assertThat(suppressed.status()).isEqualTo(Status.SUPPRESSED);
            assertThat(suppressed.detail()).isEqualTo("suppressed by maintenance window 'deploy 1.4.2'");
            assertThat(other.status()).isEqualTo(Status.DELIVERED);
            assertThat(resolve.status()).as("a resolve during a window is delivered").isEqualTo(Status.DELIVERED);
            assertThat(deploy.suppressed()).isEqualTo(1);
            assertThat(tocsin.stats().suppressed()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(16));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream()
                    .anyMatch(l -> l.equals("INFO tocsin: maintenance window 'deploy 1.4.2' ended; it suppressed 1"
                            + " triggers")));
            assertThat(deploy.active()).isFalse();
            assertThat(tocsin.stats().maintenanceWindows()).isZero();
            assertThat(result(tocsin.trigger(Alert.trigger("checkout 502").component("checkout").build())).status())
                    .isEqualTo(Status.DELIVERED);
        }
    }

    @Test
    void closingAWindowEarlyEndsItAtOnce() throws Exception {
        Tocsin tocsin = api.client();
        try (LogCapture log = new LogCapture()) {
            MaintenanceWindow w = tocsin.maintenance(Duration.ofHours(1), Condition.always());
            assertThat(result(tocsin.trigger("x", dev.tocsin.event.Severity.ERROR)).status())
                    .isEqualTo(Status.SUPPRESSED);
            w.close();
            w.close(); // idempotent
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().contains(
                    "INFO tocsin: maintenance window 'maintenance' was closed; it suppressed 1 triggers"));
            assertThat(result(tocsin.trigger("x", dev.tocsin.event.Severity.ERROR)).status())
                    .isEqualTo(Status.DELIVERED);
        }
    }

    @Test
    void slipsAreRefusedClearly() {
        Tocsin tocsin = api.client();
        assertThatThrownBy(() -> tocsin.maintenance(Duration.ZERO, Condition.always()))
                .hasMessageContaining("length must be positive and at most 7 days");
        assertThatThrownBy(() -> tocsin.maintenance(Duration.ofDays(8), Condition.always()))
                .hasMessageContaining("at most 7 days");
        assertThatThrownBy(() -> tocsin.maintenance(" ", Duration.ofMinutes(1), Condition.always()))
                .hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> tocsin.maintenance(Duration.ofMinutes(1), null))
                .hasMessageContaining("Condition.always()");
        assertThat(Tocsin.noop().maintenance(Duration.ofMinutes(1), Condition.always()).active()).isFalse();
    }

    @Test
    void aScheduledWindowFollowsItsTimeZoneAcrossTheClockChange() {
        ScheduledMaintenance nightly = ScheduledMaintenance.weekly("nightly-backup", BERLIN, LocalTime.of(2, 30),
                LocalTime.of(3, 30)).on(DayOfWeek.SUNDAY);
        // 2026-10-25 is a Sunday: Berlin goes from 03:00 CEST back to 02:00 CET, so 02:30 happens twice; the window
        // starts at the first 02:30 (00:30 UTC) and ends at 03:30 CET (02:30 UTC).
        assertThat(nightly.occurrenceAt(Instant.parse("2026-10-25T00:29:00Z"))).isNull();
        assertThat(nightly.occurrenceAt(Instant.parse("2026-10-25T00:30:00Z"))).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T02:30:00Z"));
        assertThat(nightly.occurrenceAt(Instant.parse("2026-10-25T02:30:00Z"))).isNull();
        // 2026-03-29 is a Sunday: 02:00 to 03:00 does not exist; 02:30 becomes 03:30 CEST, the window lasts no time
        // and so is never open that night; a week later it is back at 02:30 CEST = 00:30 UTC.
        assertThat(nightly.occurrenceAt(Instant.parse("2026-04-05T00:45:00Z"))).isNotNull();
        assertThat(nightly.occurrenceAt(Instant.parse("2026-04-04T00:45:00Z"))).as("a Saturday").isNull();
        assertThat(nightly.nextChange(Instant.parse("2026-04-04T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-05T00:30:00Z"));
    }

    @Test
    void aWindowAcrossMidnightAndAOneOffWindow() {
        ScheduledMaintenance overnight = ScheduledMaintenance.weekly("overnight", ZoneId.of("UTC"),
                LocalTime.of(23, 0), LocalTime.of(1, 0)).on(DayOfWeek.FRIDAY);
        assertThat(overnight.occurrenceAt(Instant.parse("2026-12-04T23:30:00Z"))).isNotNull(); // Friday night
        assertThat(overnight.occurrenceAt(Instant.parse("2026-12-05T00:30:00Z"))).isNotNull(); // Saturday early
        assertThat(overnight.occurrenceAt(Instant.parse("2026-12-05T23:30:00Z"))).isNull(); // Saturday night
        ScheduledMaintenance xmas = ScheduledMaintenance.once("freeze", BERLIN, LocalDateTime.parse("2026-12-24T18:00"),
                LocalDateTime.parse("2026-12-27T08:00"));
        assertThat(xmas.occurrenceAt(Instant.parse("2026-12-24T16:59:00Z"))).isNull();
        assertThat(xmas.occurrenceAt(Instant.parse("2026-12-24T17:00:00Z"))).isNotNull();
        assertThat(xmas.nextChange(Instant.parse("2026-12-28T00:00:00Z"))).isNull();
    }

    @Test
    void aScheduledWindowSuppressesWhileOpenAndLogsBeginAndEnd() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:59:00Z")); // Saturday 01:59 Berlin
        Tocsin tocsin = api.track(api.builder().clock(clock).maintenance(ScheduledMaintenance.weekly("backup", BERLIN,
                LocalTime.of(2, 0), LocalTime.of(4, 0)).on(DayOfWeek.SATURDAY)
                .when(Condition.of("component == database"))).build());
        try (LogCapture log = new LogCapture()) {
            assertThat(result(tocsin.trigger(Alert.trigger("db slow").component("database").build())).status())
                    .isEqualTo(Status.DELIVERED);
            clock.advance(Duration.ofMinutes(2));
            assertThat(result(tocsin.trigger(Alert.trigger("db slow 2").component("database").build())).status())
                    .isEqualTo(Status.SUPPRESSED);
            assertThat(result(tocsin.trigger(Alert.trigger("web slow").component("web").build())).status())
                    .isEqualTo(Status.DELIVERED);
            assertThat(tocsin.stats().maintenanceWindows()).isEqualTo(1);
            clock.advance(Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().contains(
                    "INFO tocsin: scheduled maintenance window 'backup' ended; it suppressed 1 triggers"));
            assertThat(log.lines()).contains("INFO tocsin: scheduled maintenance window 'backup' began");
            assertThat(result(tocsin.trigger(Alert.trigger("db slow 3").component("database").build())).status())
                    .isEqualTo(Status.DELIVERED);
        }
    }
}
