package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lane sends the most severe waiting event first, keeps each key's order, and when full sheds the least severe.
 * The rate limiter reads the test's clock, frozen: one send goes out, then the rest wait until the test moves
 * the clock by one period, so what is queued when the next send is chosen is known.
 */
class SeverityOrderTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Tocsin oneSendPerMinute(int buffer) {
        return api.track(api.builder().clock(clock).rateLimit(1, Duration.ofMinutes(1)).bufferCapacity(buffer).build());
    }

    private static CompletableFuture<DeliveryResult> trigger(Tocsin tocsin, String key, Severity severity) {
        return tocsin.trigger(Alert.trigger(key + " failed").dedupKey(key).severity(severity).build())
                .toCompletableFuture();
    }

    /** Lets every queued event out, one rate-limit period at a time. */
    private void sendAll(Tocsin tocsin, int expectedRequests) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofSeconds(61));
            return api.alertCount() >= expectedRequests && tocsin.stats().outboxDepth() == 0;
        });
    }

    private List<String> sent() {
        return api.alerts().stream()
                .map(b -> b.path("event_action").asText() + " " + b.path("dedup_key").asText()).toList();
    }

    @Test
    void aCriticalOvertakesQueuedWarningsOfOtherKeys() {
        Tocsin tocsin = oneSendPerMinute(100);
        trigger(tocsin, "first", Severity.WARNING);
        Awaitility.await().until(() -> api.alertCount() == 1); // takes the minute's permit
        for (int i = 0; i < 3; i++) {
            trigger(tocsin, "w" + i, Severity.WARNING);
        }
        trigger(tocsin, "db", Severity.CRITICAL);
        Awaitility.await().until(() -> tocsin.stats().outboxDepth() == 4);

        sendAll(tocsin, 5);
        assertThat(sent()).containsExactly("trigger first", "trigger db", "trigger w0", "trigger w1", "trigger w2");
    }

    @Test
    void aCriticalOvertakesARetryingWarningOfAnotherKey() {
        api.answerInTurn(Answer.status(503), Answer.normally());
        Tocsin tocsin = oneSendPerMinute(100);
        trigger(tocsin, "w", Severity.WARNING);
        Awaitility.await().until(() -> tocsin.stats().retried() == 1); // failed; waits for its backoff
        trigger(tocsin, "db", Severity.CRITICAL);
        Awaitility.await().until(() -> tocsin.stats().outboxDepth() == 2);

        sendAll(tocsin, 3);
        assertThat(sent()).containsExactly("trigger w", "trigger db", "trigger w");
    }

    @Test
    void aKeysResolveNeverOvertakesItsTrigger() {
        api.answerInTurn(Answer.normally(), Answer.status(503), Answer.normally());
        Tocsin tocsin = oneSendPerMinute(100);
        trigger(tocsin, "first", Severity.ERROR);
        Awaitility.await().until(() -> api.alertCount() == 1);
        trigger(tocsin, "db", Severity.WARNING);
        tocsin.resolve("db"); // ranks above every trigger, yet waits for db's trigger
        trigger(tocsin, "e1", Severity.ERROR);
        trigger(tocsin, "e2", Severity.ERROR);
        Awaitility.await().until(() -> tocsin.stats().outboxDepth() == 4);

        sendAll(tocsin, 6);
        // e1's first attempt fails; it competes again with db's warning and wins, as the more severe.
        assertThat(sent()).containsExactly("trigger first", "trigger e1", "trigger e1", "trigger e2",
                "trigger db", "resolve db");
    }

    @Test
    void aFullLaneShedsTheLeastSevereNotTheCritical() {
        Tocsin tocsin = oneSendPerMinute(3);
        trigger(tocsin, "first", Severity.ERROR);
        Awaitility.await().until(() -> tocsin.stats().delivered() == 1);
        CompletableFuture<DeliveryResult> info = trigger(tocsin, "i1", Severity.INFO);
        CompletableFuture<DeliveryResult> w1 = trigger(tocsin, "w1", Severity.WARNING);
        CompletableFuture<DeliveryResult> w2 = trigger(tocsin, "w2", Severity.WARNING);
        Awaitility.await().until(() -> tocsin.stats().outboxDepth() == 3);

        CompletableFuture<DeliveryResult> critical = trigger(tocsin, "db", Severity.CRITICAL);
        assertThat(info.join().status()).isEqualTo(Status.DROPPED);
        assertThat(info.join().detail()).isEqualTo("shed for a more severe event");
        CompletableFuture<DeliveryResult> error = trigger(tocsin, "e1", Severity.ERROR);
        assertThat(w2.join().detail()).as("the newest of the least severe").isEqualTo("shed for a more severe event");
        CompletableFuture<DeliveryResult> late = trigger(tocsin, "i2", Severity.INFO);
        assertThat(late.join().status()).as("nothing less severe to shed").isEqualTo(Status.DROPPED);
        assertThat(late.join().detail()).isEqualTo("lane buffer");

        sendAll(tocsin, 4);
        assertThat(sent()).containsExactly("trigger first", "trigger db", "trigger e1", "trigger w1");
        assertThat(List.of(critical.join(), error.join(), w1.join())).allMatch(r -> r.status() == Status.DELIVERED);
        assertThat(tocsin.stats().dropped()).isEqualTo(3);
    }
}
