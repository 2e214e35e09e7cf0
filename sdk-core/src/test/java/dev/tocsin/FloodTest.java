package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A burst of distinct failures must not cost the one page that matters. */
class FloodTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final int FLOOD = 1_000_000;

    @Test
    void floodOfDistinctKeysDoesNotStarveTheCriticalPage() {
        CriticalPage.Drops drops = new CriticalPage.Drops();
        // Flood folding off: this is about the buffers under it (FloodFoldingTest has the same flood folded).
        Map<String, LongAdder> dropped = drops.byReason;
        // Default queue, buffer and rate limit (8192, 10,000, 120 a minute); only the endpoint and timeouts differ.
        Tocsin tocsin = api.track(Tocsin.builder().destination(api.destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500)).floodThreshold(0, Duration.ofMinutes(1)).listener(drops).build());
        CompletableFuture<DeliveryResult> critical = null;
        long criticalAt = 0;
        int requestsBefore = 0;
        for (int i = 0; i < FLOOD; i++) {
            tocsin.trigger(Alert.trigger("order-" + i + " failed").dedupKey("order-" + i).build());
            if (i == FLOOD / 2) {
                criticalAt = System.nanoTime();
                critical = tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                        .severity(Severity.CRITICAL).build()).toCompletableFuture();
                requestsBefore = api.alertCount();
            }
        }
        assertThat(dropped).as("the flood overfilled the intake queue and the lane buffer")
                .containsKeys("queue full", "lane buffer");

        JsonNode page = CriticalPage.deliveredNext(critical, criticalAt, requestsBefore, api::alerts);
        assertThat(page.path("payload").path("severity").asText()).isEqualTo("critical");
    }
}
