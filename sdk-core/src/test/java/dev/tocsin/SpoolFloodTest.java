package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FloodTest} with the spool on: the backlog past the lane buffer waits on disk instead of being dropped,
 * and the critical page still goes next, not behind it.
 */
class SpoolFloodTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final int FLOOD = 30_000;
    private static final int BUFFER = 1_000;
    @TempDir
    Path dir;

    @Test
    void aSpooledFloodPastTheLaneBufferDoesNotDelayTheCriticalPage() {
        CriticalPage.Drops drops = new CriticalPage.Drops();
        // Flood folding off: this is about the buffers under it (FloodFoldingTest has the same flood folded).
        Map<String, LongAdder> dropped = drops.byReason;
        // Default rate limit (120 a minute): the backlog stays a backlog while the page is sent.
        Tocsin tocsin = api.track(Tocsin.builder().destination(api.destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500)).bufferCapacity(BUFFER).spool(dir)
                .spoolSync(SyncPolicy.NONE).floodThreshold(0, Duration.ofMinutes(1)).listener(drops).build());
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
                requestsBefore = api.alertCount();
            }
        }
        // The intake queue may still drop or shed in a flood; the lane, past its buffer, spools instead.
        assertThat(dropped).as("the lane buffer drops nothing").doesNotContainKey("lane buffer");

        CriticalPage.deliveredNext(critical, criticalAt, requestsBefore, api::alerts);
    }
}
