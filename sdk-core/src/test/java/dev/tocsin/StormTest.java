package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.TocsinStats;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StormTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void tenThousandIdenticalTriggersMakeAtMostTwoRequests() {
        Tocsin tocsin = api.builder().build();
        RuntimeException failure = new IllegalStateException("connection pool exhausted");
        for (int i = 0; i < 10_000; i++) {
            tocsin.trigger("Order " + i + " failed", failure);
        }
        tocsin.close(); // sends the window's pending update, if any

        assertThat(api.alertCount()).isBetween(1, 2);
        // A burst faster than the dispatch thread may overflow the intake queue: those are dropped and counted.
        TocsinStats stats = tocsin.stats();
        assertThat(stats.coalesced() + stats.dropped()).isGreaterThanOrEqualTo(9_998);
        List<JsonNode> bodies = api.alerts();
        if (bodies.size() == 2) {
            assertThat(bodies.get(1).path("payload").path("custom_details").path("occurrences").asLong())
                    .as("the first trigger and every repeat").isEqualTo(tocsin.stats().coalesced() + 1);
        }
    }

    @Test
    void aStormThatGoesOnSendsOneUpdatePerWindowCarryingTheCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Tocsin tocsin = api.track(api.builder().clock(clock).coalesceWindow(Duration.ofSeconds(60)).build());
        for (int i = 0; i < 50; i++) {
            tocsin.trigger(Alert.trigger("db down").dedupKey("db").build());
        }
        org.awaitility.Awaitility.await().until(() -> tocsin.stats().coalesced() == 49);
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alertCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> api.alertCount() == 2);
        assertThat(api.alerts().get(1).path("payload").path("custom_details").path("occurrences").asLong())
                .as("all 50, the first included").isEqualTo(50);

        clock.advance(Duration.ofSeconds(61)); // a quiet window: no update, the window closes
        tocsin.trigger(Alert.trigger("db down").dedupKey("db").build());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> api.alertCount() == 3);
        assertThat(api.alerts().get(2).path("payload").path("custom_details").has("occurrences")).isFalse();
    }

    @Test
    void aResolveEndsTheWindowSoTheNextTriggerPagesAgain() {
        Tocsin tocsin = api.client();
        tocsin.trigger(Alert.trigger("db down").dedupKey("db").build());
        tocsin.trigger(Alert.trigger("db down").dedupKey("db").build());
        tocsin.resolve("db");
        tocsin.trigger(Alert.trigger("db down").dedupKey("db").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("event_action").asText())
                .containsExactly("trigger", "resolve", "trigger");
    }

    @Test
    void aCriticalRepeatOfAWarningIsNotHeldForTheStormWindow() throws Exception {
        Tocsin tocsin = api.track(api.builder().coalesceWindow(Duration.ofHours(1)).build());
        tocsin.trigger(Alert.trigger("replica lag").dedupKey("db").severity(Severity.WARNING).build());
        tocsin.trigger(Alert.trigger("replica lag").dedupKey("db").severity(Severity.WARNING).build());

        DeliveryResult escalation = tocsin.trigger(Alert.trigger("replica down").dedupKey("db")
                .severity(Severity.CRITICAL).build()).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(escalation.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
        JsonNode sent = api.alerts().get(api.alerts().size() - 1).path("payload");
        assertThat(sent.path("severity").asText()).isEqualTo("critical");
        assertThat(sent.path("custom_details").path("occurrences").asLong()).isEqualTo(3);
    }
}
