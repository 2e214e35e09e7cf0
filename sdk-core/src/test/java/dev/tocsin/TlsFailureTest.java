package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An untrusted certificate does not heal by itself: the lane stops and says so, it does not hammer. */
class TlsFailureTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture().https();

    @Test
    void anUntrustedCertificateStopsTheLaneAndEventsWaitForTheirDeadline() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (LogCapture logs = new LogCapture();
                Tocsin tocsin = Tocsin.builder()
                        .destination(PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                                .endpoint(api.endpoint()).build())
                        .clock(clock).deliveryDeadline(Duration.ofMinutes(5))
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(10))
                        .shutdownTimeout(Duration.ofMillis(200)).build()) {
            var first = tocsin.trigger("boom", Severity.ERROR).toCompletableFuture();
            var second = tocsin.trigger("other boom", Severity.ERROR).toCompletableFuture();

            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().stoppedLanes() == 1);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("TLS failure"));
            assertThat(first).isNotDone();
            assertThat(api.requests()).isEmpty();

            clock.advance(Duration.ofMinutes(6));
            assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(tocsin.stats().retried()).isZero();
        }
    }
}
