package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.DeliveryResult.Status;
import dev.tocsin.spi.TocsinListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FloodTest} with the spool on: the backlog past the lane buffer waits on disk instead of being dropped,
 * and the critical page still goes next, not behind it.
 */
class SpoolFloodTest extends PagerDutyWireMockTest {
    private static final int FLOOD = 30_000;
    private static final int BUFFER = 1_000;
    @TempDir
    Path dir;

    @Test
    void aSpooledFloodPastTheLaneBufferDoesNotDelayTheCriticalPage() {
        Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
        TocsinListener drops = new TocsinListener() {
            @Override
            public void dropped(String reason) {
                dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
            }
        };
        // Default rate limit (120 a minute): the backlog stays a backlog while the page is sent.
        Tocsin tocsin = track(Tocsin.builder().destination(destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500)).bufferCapacity(BUFFER).spool(dir)
                .spoolSync(SyncPolicy.NONE).listener(drops).build());
        CompletableFuture<DeliveryResult> critical = null;
        long criticalAt = 0;
        int requestsBefore = 0;
        for (int i = 0; i < FLOOD; i++) {
            tocsin.trigger(Alert.trigger("order-" + i + " failed").dedupKey("order-" + i).build());
            if (i == FLOOD / 2) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> tocsin.stats().outboxDepth() > BUFFER); // the lane is past its buffer
                criticalAt = System.nanoTime();
                critical = tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db")
                        .severity(Severity.CRITICAL).build()).toCompletableFuture();
                requestsBefore = alertRequests();
            }
        }
        // The intake queue may still drop or shed in a flood; the lane, past its buffer, spools instead.
        assertThat(dropped).as("the lane buffer drops nothing").doesNotContainKey("lane buffer");

        CompletableFuture<DeliveryResult> page = critical;
        Duration left = Duration.ofNanos(Math.max(1, criticalAt + Duration.ofSeconds(5).toNanos() - System.nanoTime()));
        Awaitility.await().atMost(left).until(page::isDone);
        assertThat(page.join().status()).isEqualTo(Status.DELIVERED);

        List<JsonNode> bodies = alertBodies();
        int position = 0;
        while (!bodies.get(position).path("dedup_key").asText().equals("primary-db")) {
            position++;
        }
        assertThat(position - requestsBefore).isLessThanOrEqualTo(2);
    }
}
