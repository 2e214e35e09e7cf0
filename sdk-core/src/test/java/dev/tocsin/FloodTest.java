package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.DeliveryResult.Status;
import java.time.Duration;
import dev.tocsin.spi.TocsinListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A burst of distinct failures must not cost the one page that matters. */
class FloodTest extends PagerDutyWireMockTest {
    private static final int FLOOD = 1_000_000;

    @Test
    void floodOfDistinctKeysDoesNotStarveTheCriticalPage() {
        Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
        TocsinListener drops = new TocsinListener() {
            @Override
            public void dropped(String reason) {
                dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
            }
        };
        // Default queue, buffer and rate limit (8192, 10,000, 120 a minute); only the endpoint and timeouts differ.
        Tocsin tocsin = track(Tocsin.builder().destination(destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500)).listener(drops).build());
        CompletableFuture<DeliveryResult> critical = null;
        long criticalAt = 0;
        int requestsBefore = 0;
        for (int i = 0; i < FLOOD; i++) {
            tocsin.trigger(Alert.trigger("order-" + i + " failed").dedupKey("order-" + i).build());
            if (i == FLOOD / 2) {
                criticalAt = System.nanoTime();
                critical = tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                        .severity(Severity.CRITICAL).build()).toCompletableFuture();
                requestsBefore = alertRequests();
            }
        }
        assertThat(dropped).as("the flood overfilled the intake queue and the lane buffer")
                .containsKeys("queue full", "lane buffer");

        CompletableFuture<DeliveryResult> page = critical;
        Duration left = Duration.ofNanos(Math.max(1, criticalAt + Duration.ofSeconds(5).toNanos() - System.nanoTime()));
        Awaitility.await().atMost(left).until(page::isDone);
        assertThat(page.join().status()).isEqualTo(Status.DELIVERED);

        List<JsonNode> bodies = alertBodies();
        int position = 0;
        while (!bodies.get(position).path("dedup_key").asText().equals("primary-db")) {
            position++;
        }
        // At most the request in flight and one that took the rate limiter's permit can come before it.
        assertThat(position - requestsBefore).isLessThanOrEqualTo(2);
        assertThat(bodies.get(position).path("payload").path("severity").asText()).isEqualTo("critical");
    }
}
