package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeadlineTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void anEventPastItsDeadlineIsDeadLetteredCountedAndLogged() throws Exception {
        api.answer(Answer.status(503));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (LogCapture logs = new LogCapture()) {
            Tocsin tocsin = api.track(api.builder().clock(clock).deliveryDeadline(Duration.ofMinutes(10)).build());
            var first = tocsin.trigger(Alert.trigger("a").dedupKey("a").build()).toCompletableFuture();
            var second = tocsin.trigger(Alert.trigger("b").dedupKey("b").build()).toCompletableFuture();
            org.awaitility.Awaitility.await().until(() -> {
                clock.advance(Duration.ofMillis(100)); // lets the backoff pass on the test's clock
                return tocsin.stats().retried() >= 2;
            });

            clock.advance(Duration.ofMinutes(11));

            assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(tocsin.stats().deadLettered()).isEqualTo(2);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("dead-lettered trigger a"));
        }
    }
}
