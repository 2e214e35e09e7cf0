package dev.tocsin;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An untrusted certificate does not heal by itself: the lane stops and says so, it does not hammer. */
class TlsFailureTest {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anUntrustedCertificateStopsTheLaneAndEventsWaitForTheirDeadline() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (LogCapture logs = new LogCapture();
                Tocsin tocsin = Tocsin.builder()
                        .destination(PagerDutyDestination.builder().routingKey(PagerDutyWireMockTest.ROUTING_KEY)
                                .endpoint("https://127.0.0.1:" + server.httpsPort() + "/v2/enqueue").build())
                        .clock(clock).deliveryDeadline(Duration.ofMinutes(5))
                        .backoff(Duration.ofMillis(5), Duration.ofMillis(10))
                        .shutdownTimeout(Duration.ofMillis(200)).build()) {
            var first = tocsin.trigger("boom", Severity.ERROR).toCompletableFuture();
            var second = tocsin.trigger("other boom", Severity.ERROR).toCompletableFuture();

            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().stoppedLanes() == 1);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("TLS failure"));
            assertThat(first).isNotDone();
            assertThat(server.getAllServeEvents()).isEmpty();

            clock.advance(Duration.ofMinutes(6));
            assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(second.get(5, TimeUnit.SECONDS).status()).isEqualTo(Status.DEAD_LETTERED);
            assertThat(tocsin.stats().retried()).isZero();
        }
    }
}
