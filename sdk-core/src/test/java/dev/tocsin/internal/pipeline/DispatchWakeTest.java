package dev.tocsin.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.EngineDrafts;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.internal.Engine;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12's latency rule: an event that arrives while the dispatch loop sleeps is not slept through, since its
 * caller wakes the loop; while events flow the loop naps, and callers make no wake-up (no system call) at all.
 */
class DispatchWakeTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();
    private Engine client;

    @BeforeEach
    void start() {
        Settings.Draft draft = EngineDrafts.withDefaults();
        draft.destinations.add(api.destination());
        draft.source = "test-host";
        draft.ratePermits = 10_000;
        draft.ratePeriod = Duration.ofSeconds(1);
        draft.closeOnExit = false;
        client = Engine.start(draft.check());
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** Waits until the loop has gone to sleep after this call, so that the sleep has the current longest park. */
    private void awaitSleep(Dispatcher loop) {
        long before = loop.sleeps();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.sleeps() > before && loop.asleep());
    }

    @Test
    void anEventArrivingWhileTheLoopSleepsIsSentAtOnceBecauseItsCallerWakesTheLoop() throws Exception {
        Dispatcher loop = client.dispatcher();
        loop.maxPark(Duration.ofHours(1)); // nothing but the caller's wake-up can end this sleep within the test
        awaitSleep(loop);
        long wakeUps = loop.wakeUps();

        CompletableFuture<DeliveryResult> sent = client.trigger(Alert.trigger("disk full").dedupKey("disk").build(), null)
                .toCompletableFuture();

        assertThat(sent.get(10, TimeUnit.SECONDS).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
        assertThat(loop.wakeUps()).isEqualTo(wakeUps + 1);
        assertThat(api.alertCount()).isEqualTo(1);
    }

    @Test
    void whileEventsFlowCallersMakeNoWakeUpBeyondOneEachTimeTheLoopHadFallenAsleep() throws Exception {
        Dispatcher loop = client.dispatcher();
        awaitSleep(loop);
        long wakeUps = loop.wakeUps();
        int events = 200;
        CompletableFuture<?>[] sent = new CompletableFuture<?>[events];

        // Arrivals 2 ms apart: each finds the intake queue empty (the loop took the last one), as in the Latency
        // benchmark, so each caller asks whether to wake the loop; the loop naps meanwhile and needs no wake-up.
        long startedAt = System.nanoTime();
        for (int i = 0; i < events; i++) {
            sent[i] = client.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build(), null).toCompletableFuture();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // paces the arrivals; waits for nothing
        }
        long elapsedNanos = System.nanoTime() - startedAt;
        CompletableFuture.allOf(sent).get(60, TimeUnit.SECONDS);

        // The loop falls asleep only after 100 ms without events, and a wake-up gives it an event: so the callers
        // may have woken it once, plus once per 100 ms that the loop went without events (a descheduled thread).
        long allowed = 1 + elapsedNanos / TimeUnit.MILLISECONDS.toNanos(100);
        assertThat(loop.wakeUps() - wakeUps).isBetween(1L, Math.min(allowed, events / 10));
    }
}
