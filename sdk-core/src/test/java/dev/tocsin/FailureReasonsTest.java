package dev.tocsin;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request that got no answer is reported as what happened — "connection refused", not the JDK's innermost
 * {@code ClosedChannelException} — in the retry log line and in the reason of the dead letter it becomes.
 */
class FailureReasonsTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    enum Fault_ {
        RESET(Answer.connectionReset(), "connection reset"),
        EMPTY_RESPONSE(Answer.hangUp(), "connection closed without an answer"),
        SLOWER_THAN_THE_REQUEST_TIMEOUT(Answer.normally().delayedBy(Duration.ofSeconds(3)), "timed out");

        final Answer answer;
        final String words;

        Fault_(Answer answer, String words) {
            this.answer = answer;
            this.words = words;
        }
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String reason = deadLetterReason("http://127.0.0.1:" + closed + InboxFixture.ALERTS_PATH);
        assertThat(reason).contains("(last: connection refused (ConnectException))")
                .doesNotContain("ClosedChannelException");
    }

    @ParameterizedTest
    @EnumSource(Fault_.class)
    void aFaultIsCalledWhatItIs(Fault_ fault) throws Exception {
        api.answer(fault.answer);
        assertThat(deadLetterReason(api.endpoint())).contains("(last: " + fault.words + " (")
                .doesNotContain("CompletionException");
    }

    /** Sends one trigger that fails once, lets its deadline pass, and returns the dead letter's reason. */
    private String deadLetterReason(String endpoint) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (LogCapture logs = new LogCapture();
                Tocsin tocsin = Tocsin.builder()
                        .destination(PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(endpoint)
                                .build())
                        .clock(clock).deliveryDeadline(Duration.ofMinutes(5))
                        .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(10))
                        .shutdownTimeout(Duration.ofMillis(500)).build()) {
            var result = tocsin.trigger("boom", Severity.ERROR).toCompletableFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().retried() >= 1);
            clock.advance(Duration.ofMinutes(6));
            DeliveryResult outcome = result.get(10, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(Status.DEAD_LETTERED);
            String words = outcome.detail().substring(outcome.detail().indexOf("(last: ") + 7);
            assertThat(logs.lines()).as("the retry log line says the same")
                    .anyMatch(l -> l.contains("failed (" + words.substring(0, words.indexOf(" (")) + " ("));
            return outcome.detail();
        }
    }
}
