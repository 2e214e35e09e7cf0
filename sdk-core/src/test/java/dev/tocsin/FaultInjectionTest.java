package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.spi.TocsinStats;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault, one realistic mix: three producer threads send triggers, acknowledges and resolves over ten
 * keys, a storm of one key and change events, while the endpoint misbehaves for a while and then recovers.
 * Everything is delivered after recovery, per-key order holds, producers are never blocked, buffers stay
 * bounded and the counters add up. Part of the slow suite ({@code -Pslow}).
 */
@Tag("slow")
class FaultInjectionTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final int KEYS = 10;
    private static final int STORM = 200;
    @TempDir
    Path spool;

    enum Trouble {
        CONNECTION_RESET(Answer.connectionReset()),
        EMPTY_RESPONSE(Answer.hangUp()),
        GARBAGE_BODY(Answer.garbage()),
        SERVER_ERRORS(Answer.status(503)),
        THROTTLED(Answer.status(429).withRetryAfter("1")),
        HANGS_PAST_THE_REQUEST_TIMEOUT(Answer.normally().delayedBy(Duration.ofSeconds(2))),
        LONG_OUTAGE(Answer.status(502));

        final Answer answer;

        Trouble(Answer answer) {
            this.answer = answer;
        }
    }

    @ParameterizedTest
    @EnumSource(Trouble.class)
    void everythingIsDeliveredInOrderAfterRecovery(Trouble trouble) throws Exception {
        api.answer(trouble.answer);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        boolean fakeTime = trouble == Trouble.LONG_OUTAGE;
        Tocsin.Builder builder = api.builder().spool(spool).spoolSync(SyncPolicy.GROUP_COMMIT).bufferCapacity(500)
                .requestTimeout(Duration.ofMillis(500));
        if (fakeTime) {
            builder.clock(clock).backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
        Tocsin tocsin = api.track(builder.build());

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            int producer = p;
            producers.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = producer; k < KEYS; k += 3) {
                    tocsin.trigger(Alert.trigger("failure on " + k).dedupKey("key-" + k).build());
                    tocsin.acknowledge("key-" + k);
                    tocsin.resolve("key-" + k);
                }
                for (int i = 0; i < STORM; i++) {
                    tocsin.trigger(Alert.trigger("database down").dedupKey("storm").build());
                }
                tocsin.change(ChangeEvent.of("deploy by producer " + producer));
            }));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            producers.forEach(Thread::start);
            go.countDown();
            for (Thread t : producers) {
                t.join();
            }
        }, "producers were blocked");

        // Let the trouble last: a few failed attempts in real time, or half an hour of fake time.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (fakeTime) {
                clock.advance(Duration.ofMinutes(1));
            }
            return tocsin.stats().retried() >= 3 && (!fakeTime || clock.instant().isAfter(
                    Instant.parse("2026-01-01T00:30:00Z")));
        });
        TocsinStats during = tocsin.stats();
        assertThat(during.outboxDepth()).isLessThanOrEqualTo(500);
        assertThat(during.queueDepth()).isLessThanOrEqualTo(8192);

        api.answer(Answer.normally());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            if (fakeTime) {
                clock.advance(Duration.ofSeconds(30));
            }
            return tocsin.flush(Duration.ofMillis(200));
        });

        TocsinStats stats = tocsin.stats();
        int expected = KEYS * 3 + 1 + 3; // per key three actions, the storm's first trigger, three changes
        assertThat(stats.rejected()).isZero();
        assertThat(stats.deadLettered()).isZero();
        assertThat(stats.dropped()).isZero();
        assertThat(stats.accepted()).isEqualTo(KEYS * 3 + STORM * 3 + 3);
        assertThat(stats.coalesced()).isEqualTo(STORM * 3 - 1);
        assertThat(stats.delivered()).isGreaterThanOrEqualTo(expected).isLessThanOrEqualTo(expected + 1);
        assertThat(stats.spooled()).isZero();

        Map<String, List<String>> byKey = new HashMap<>();
        for (JsonNode body : api.alerts()) {
            byKey.computeIfAbsent(body.path("dedup_key").asText(), k -> new ArrayList<>())
                    .add(body.path("event_action").asText());
        }
        for (int k = 0; k < KEYS; k++) {
            List<String> actions = byKey.get("key-" + k);
            assertThat(actions).as("key-%d", k).contains("trigger", "acknowledge", "resolve");
            assertThat(SpoolCrashTest.inOrder(actions)).as("order of key-%d: %s", k, actions).isTrue();
        }
    }
}
