package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.TocsinListener;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The caller is never blocked, and shutdown never hangs, whatever the destination does. */
class NonBlockingTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private void hang() {
        api.answer(Answer.normally().delayedBy(Duration.ofSeconds(60)));
    }

    @Test
    void triggerReturnsAtOnceWhileTheEndpointHangs() {
        hang();
        Tocsin tocsin = api.track(api.builder().requestTimeout(Duration.ofSeconds(30)).build());
        List<CompletableFuture<DeliveryResult>> stages = new ArrayList<>();
        // A generous bound that a blocked caller would blow through: each call would wait 30 s.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 5_000; i++) {
                stages.add(tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build())
                        .toCompletableFuture());
                tocsin.trigger("same failure", new IllegalStateException("x"));
            }
        });
        assertThat(stages).allMatch(s -> !s.isDone() || s.join().status() == Status.DROPPED);
    }

    @Test
    void closeReturnsWithinItsTimeoutWhileTheEndpointHangs() throws Exception {
        hang();
        Tocsin tocsin = api.builder().requestTimeout(Duration.ofSeconds(30)).shutdownTimeout(Duration.ofMillis(300))
                .build();
        var stage = tocsin.trigger("boom", Severity.CRITICAL).toCompletableFuture();

        assertTimeoutPreemptively(Duration.ofSeconds(5), tocsin::close);

        assertThat(stage.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.ABANDONED);
        assertThat(tocsin.trigger("after close", Severity.ERROR).toCompletableFuture().join().status())
                .isEqualTo(Status.DROPPED);
    }

    @Test
    void closeDeliversWhatIsPendingWhenTheEndpointAnswers() throws Exception {
        Tocsin tocsin = api.builder().build();
        List<CompletableFuture<DeliveryResult>> stages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stages.add(tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build()).toCompletableFuture());
        }
        tocsin.close();
        assertThat(stages).allMatch(s -> s.isDone() && s.join().status() == Status.DELIVERED);
        assertThat(api.alertCount()).isEqualTo(20);
    }

    @Test
    void aFullQueueDropsTheNewestCountsAndWarnsWithoutBlocking() throws Exception {
        CountDownLatch stall = new CountDownLatch(1);
        CountDownLatch stalled = new CountDownLatch(1);
        Tocsin tocsin = api.track(api.builder().queueCapacity(10).listener(new TocsinListener() {
            @Override
            public void delivered(String lane, Duration latency) {
                stalled.countDown();
                try {
                    stall.await(10, TimeUnit.SECONDS); // holds the dispatch thread, so the queue fills up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build());
        tocsin.trigger(Alert.trigger("first").dedupKey("first").build());
        assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<DeliveryResult>> stages = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 100; i++) {
                    stages.add(tocsin.trigger(Alert.trigger("f" + i).dedupKey("k" + i).build()).toCompletableFuture());
                }
            });
            assertThat(stages.subList(0, 10)).noneMatch(CompletableFuture::isDone);
            assertThat(stages.subList(10, 100)).allMatch(s -> s.join().status() == Status.DROPPED);
            assertThat(tocsin.stats().dropped()).isEqualTo(90);
            assertThat(logs.lines().stream().filter(l -> l.contains("intake queue is full"))).hasSize(1);
        }
        stall.countDown();
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(stages.subList(0, 10)).allMatch(s -> s.join().status() == Status.DELIVERED);
    }

    @Test
    void aFullLaneBufferDropsTheNewest() {
        hang();
        Tocsin tocsin = api.track(api.builder().requestTimeout(Duration.ofSeconds(30)).bufferCapacity(5).build());
        List<CompletableFuture<DeliveryResult>> stages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stages.add(tocsin.trigger(Alert.trigger("f" + i).dedupKey("k" + i).build()).toCompletableFuture());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tocsin.stats().dropped() == 3);
        assertThat(stages.subList(5, 8)).allMatch(s -> s.join().status() == Status.DROPPED);
        assertThat(stages.subList(0, 5)).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void everyStageCompletesWhenSubmissionsRaceClose() throws Exception {
        Tocsin tocsin = api.builder().shutdownTimeout(Duration.ofMillis(500)).build();
        List<CompletableFuture<DeliveryResult>> stages = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread producer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 2_000; i++) {
                    stages.add(tocsin.trigger(Alert.trigger("f").dedupKey("k" + thread + "-" + i % 50).build())
                            .toCompletableFuture());
                }
            });
            producer.start();
            producers.add(producer);
        }
        go.countDown();
        tocsin.close();
        for (Thread producer : producers) {
            producer.join(10_000);
        }
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(stages).hasSize(8_000).allMatch(CompletableFuture::isDone);
    }
}
