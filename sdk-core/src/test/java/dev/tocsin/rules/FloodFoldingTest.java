package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flood of distinct keys folded into one summary per lane, on an injected clock. */
class FloodFoldingTest {
    static final String SUMMARY_KEY = "tocsin-flood:test-host";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static DeliveryResult result(CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private List<JsonNode> summaries() {
        return api.alerts().stream().filter(b -> b.path("dedup_key").asText().equals(SUMMARY_KEY)).toList();
    }

    @Test
    void pastTheThresholdNewKeysFoldIntoOneSummaryThatResolvesWhenTheFloodEnds() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        Tocsin tocsin = api.track(api.builder().clock(clock).floodThreshold(20, Duration.ofMinutes(1))
                .coalesceWindow(Duration.ofSeconds(30)).build());
        DeliveryResult last = null;
        for (int i = 0; i < 500; i++) {
            last = result(tocsin.trigger(Alert.trigger("order " + i + " failed").dedupKey("order-" + i).build()));
        }
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(last.status()).isEqualTo(Status.COALESCED);
        assertThat(last.detail()).startsWith("folded into the flood summary of pagerduty(");
        assertThat(api.alerts().stream().filter(b -> !b.path("dedup_key").asText().equals(SUMMARY_KEY)))
                .as("the first 20 new keys go out as themselves").hasSize(20);
        await().atMost(Duration.ofSeconds(5)).until(() -> summaries().size() == 1);
        JsonNode summary = summaries().get(0);
        assertThat(summary.path("event_action").asText()).isEqualTo("trigger");
        assertThat(summary.path("payload").path("summary").asText()).startsWith("Alert flood: ");
        JsonNode details = summary.path("payload").path("custom_details");
        assertThat(details.path("flood_distinct_alerts").asLong()).as("counted when it went out").isBetween(1L, 480L);
        assertThat(details.path("flood_examples").size()).isBetween(1, 10);
        assertThat(tocsin.stats().folded()).isEqualTo(480);
        assertThat(tocsin.stats().floods()).isEqualTo(1);

        // During the flood: a critical new key is more severe than the flood and pages; a resolve of a folded key is
        // folded too (its trigger never went out); a resolve of a key that went out is sent.
        assertThat(result(tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                .severity(Severity.CRITICAL).build())).status()).isEqualTo(Status.DELIVERED);
        assertThat(result(tocsin.resolve("order-300")).status()).isEqualTo(Status.COALESCED);
        assertThat(result(tocsin.resolve("order-3")).status()).isEqualTo(Status.DELIVERED);

        // More new keys are folded too, and the next storm window brings one update with the counts so far...
        for (int i = 500; i < 600; i++) {
            tocsin.trigger(Alert.trigger("order " + i + " failed").dedupKey("order-" + i).build());
        }
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        clock.advance(Duration.ofSeconds(31)); // past the update interval, inside the flood's period
        await().atMost(Duration.ofSeconds(5)).until(() -> summaries().size() == 2);
        assertThat(summaries().get(1).path("payload").path("custom_details").path("flood_distinct_alerts").asLong())
                .isEqualTo(580); // 480 + 100 new

        // ...and a quiet period ends the flood: the summary is resolved, and new keys go out again.
        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> summaries().size() == 3);
        assertThat(summaries().get(2).path("event_action").asText()).isEqualTo("resolve");
        assertThat(tocsin.stats().floods()).isZero();
        assertThat(api.inbox().incident(SUMMARY_KEY).orElseThrow().open()).isFalse();
        assertThat(result(tocsin.trigger(Alert.trigger("new one").dedupKey("after").build())).status())
                .isEqualTo(Status.DELIVERED);
    }

    @Test
    void zeroTurnsFoldingOff() throws Exception {
        Tocsin tocsin = api.track(api.builder().floodThreshold(0, Duration.ofMinutes(1)).build());
        for (int i = 0; i < 300; i++) {
            tocsin.trigger(Alert.trigger("order " + i).dedupKey("o" + i).build());
        }
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alertCount()).isEqualTo(300);
        assertThat(tocsin.stats().folded()).isZero();
    }

    @Test
    void aMillionDistinctFailuresCostAFewRequestsAndTheCriticalPageStillGoesOut() {
        // The defaults (100 new keys a minute, PagerDuty's rate limit): the flood FloodTest sends with folding off.
        Tocsin tocsin = api.track(Tocsin.builder().destination(api.destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500)).build());
        CompletionStage<DeliveryResult> critical = null;
        for (int i = 0; i < 1_000_000; i++) {
            tocsin.trigger(Alert.trigger("order-" + i + " failed").dedupKey("order-" + i).build());
            if (i == 500_000) {
                critical = tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                        .severity(Severity.CRITICAL).build());
            }
        }
        CompletionStage<DeliveryResult> page = critical;
        await().atMost(Duration.ofSeconds(30)).until(() -> page.toCompletableFuture().isDone());
        assertThat(page.toCompletableFuture().join().status()).isEqualTo(Status.DELIVERED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !summaries().isEmpty());
        // How many got past the intake queue depends on the machine; what did is folded, not queued for hours.
        assertThat(tocsin.stats().folded()).as("folded").isGreaterThan(10_000);
        assertThat(tocsin.stats().outboxDepth()).isLessThan(200);
    }
}
