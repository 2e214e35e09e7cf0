package dev.tocsin.logback;

import static dev.tocsin.logback.LogbackXml.flushed;
import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What logback.xml says about time: a rule that suppresses unless more than N happen within a window, a scheduled
 * maintenance window, the flood threshold. The appender's clock (set between a stop and a start, as the XML cannot)
 * is its own client's.
 */
class RuleWindowsInLogbackXmlTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LogbackXml logback = new LogbackXml();

    @AfterEach
    void close() {
        logback.close();
    }

    /** The appender as logback.xml made it, restarted on this clock. */
    private TocsinAppender pager(String body, MutableClock clock) {
        TocsinAppender appender = logback.pager(api.endpoint(), ROUTING_KEY, body);
        assertThat(logback.statuses(Status.WARN)).as("warnings and errors").isEmpty();
        if (clock != null) {
            appender.stop();
            appender.setClock(clock);
            appender.start();
            assertThat(logback.statuses(Status.WARN)).as("warnings and errors").isEmpty();
        }
        return appender;
    }

    private List<String> summaries() {
        return api.inbox().incidents().stream().map(Incident::summary).toList();
    }

    @Test
    void aRuleSuppressesUnlessMoreThanNHappenWithinItsWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        TocsinAppender appender = pager("""
                <rule>
                  <name>pod-restarts</name>
                  <when>summary matches 'pod .* restarted'</when>
                  <suppress>unless more than 2 in 10m</suppress>
                </rule>
                """, clock);
        ch.qos.logback.classic.Logger log = logback.logger("com.example.Pods");
        log.error("pod {} restarted", "a");
        log.error("pod {} restarted", "b");
        Tocsin client = flushed(appender);
        assertThat(client.stats().suppressed()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(11)); // the first two are out of the window
        log.error("pod {} restarted", "c");
        log.error("pod {} restarted", "d");
        flushed(appender);
        assertThat(client.stats().suppressed()).isEqualTo(4);
        assertThat(summaries()).isEmpty();

        log.error("pod {} restarted", "e"); // the third within ten minutes pages
        flushed(appender);
        assertThat(summaries()).containsExactly("pod e restarted");
        assertThat(client.stats().suppressed()).isEqualTo(4);
    }

    @Test
    void aScheduledMaintenanceWindowSuppressesWhileItIsOpen() {
        // Saturday 3 January 2026, 02:30 in Berlin (UTC+1 in winter)
        MutableClock clock = new MutableClock(Instant.parse("2026-01-03T01:30:00Z"));
        TocsinAppender appender = pager("""
                <maintenance>
                  <name>nightly-backup</name>
                  <days>SAT,SUN</days>
                  <from>02:00</from>
                  <to>04:00</to>
                  <zone>Europe/Berlin</zone>
                  <when>logger == 'com.example.Backup'</when>
                </maintenance>
                """, clock);
        logback.logger("com.example.Backup").error("backup slow");
        logback.logger("com.example.Orders").error("order failed"); // not what the window is for
        Tocsin client = flushed(appender);
        assertThat(client.stats().suppressed()).isEqualTo(1);

        clock.set(Instant.parse("2026-01-03T03:01:00Z")); // 04:01 in Berlin: closed
        logback.logger("com.example.Backup").error("backup failed");
        flushed(appender);
        assertThat(summaries()).containsExactlyInAnyOrder("order failed", "backup failed");

        clock.set(Instant.parse("2026-01-05T01:30:00Z")); // Monday 02:30 in Berlin: not a day of the window
        logback.logger("com.example.Backup").error("backup stalled");
        flushed(appender);
        assertThat(client.stats().suppressed()).isEqualTo(1);
        assertThat(summaries()).containsExactlyInAnyOrder("order failed", "backup failed", "backup stalled");
    }

    @Test
    void aFloodOfNewKeysPastTheThresholdIsFoldedIntoOneAlert() {
        TocsinAppender appender = pager("""
                <floodThreshold>3</floodThreshold>
                <floodPeriod>1 minute</floodPeriod>
                """, null);
        for (int i = 0; i < 8; i++) {
            logback.logger("com.example.Service" + i).error("service failed");
        }
        Tocsin client = flushed(appender);
        assertThat(client.stats().folded()).isPositive();
        assertThat(api.inbox().incidents()).extracting(Incident::dedupKey)
                .filteredOn(k -> k.startsWith("tocsin-flood:")).hasSize(1);
        assertThat(api.inbox().incidents()).extracting(Incident::dedupKey)
                .filteredOn(k -> !k.startsWith("tocsin-flood:")).hasSize(3);
    }
}
