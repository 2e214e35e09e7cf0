package dev.tocsin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tocsin.event.Alert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A client with the default backoff, breaker and rate limit through an outage of its destination and its end. On
 * the test's clock: once the destination is back, the clock moves 4.5 s and stops, and the whole backlog must be
 * delivered without it moving again. In real time: an endpoint that went away and comes back on the same port gets
 * everything.
 */
class RecoveryTest extends PagerDutyWireMockTest {
    private static final int BACKLOG = 50;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** The defaults but the endpoint, the timeouts and, if given, the clock. */
    private Tocsin.Builder defaults() {
        return Tocsin.builder().destination(destination()).source("test-host")
                .connectTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(500));
    }

    private void triggerBacklog(Tocsin tocsin) {
        for (int i = 0; i < BACKLOG; i++) {
            tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build());
        }
    }

    /** Every request sent so far was answered, and the lane has applied the answer. */
    private boolean allAnswered(Tocsin tocsin) {
        TocsinStats s = tocsin.stats();
        return alertRequests() == s.retried() + s.delivered();
    }

    @Test
    void afterALongOutageTheWholeBacklogGoesWithinFiveSecondsOfRecovery() {
        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(aResponse().withStatus(500)));
        Tocsin tocsin = track(defaults().clock(clock).build());
        triggerBacklog(tocsin);

        // Two minutes of outage on the test's clock: enough failures to open the breaker.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            clock.advance(Duration.ofMillis(500));
            return tocsin.stats().retried() >= 15 && tocsin.stats().openBreakers() == 1;
        });
        assertThat(tocsin.stats().delivered()).isZero();

        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(accepted()));
        await().atMost(Duration.ofSeconds(10)).until(() -> allAnswered(tocsin)); // no 500 is still on its way
        clock.advance(Duration.ofMillis(4_500));

        await().atMost(Duration.ofSeconds(20)).until(() -> tocsin.stats().delivered() == BACKLOG);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().openBreakers()).isZero();
    }

    @Test
    void aServerThatSaysRetryAfterSixtyIsNotAskedAgainSooner() {
        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "60")));
        Tocsin tocsin = track(defaults().clock(clock).build());
        tocsin.trigger(Alert.trigger("failure").dedupKey("k").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().retried() == 1);

        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(accepted()));
        clock.advance(Duration.ofSeconds(59));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> alertRequests() == 1);

        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().delivered() == 1);
        assertThat(alertRequests()).isEqualTo(2);
    }

    @Test
    void anEndpointThatWentAwayAndCameBackGetsEverything() {
        Tocsin tocsin = track(defaults().build());
        int port = server.port();
        server.stop(); // connections are refused from now on
        triggerBacklog(tocsin);
        await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.stats().retried() >= 4);
        assertThat(tocsin.stats().delivered()).isZero();

        server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(20)
                .asynchronousResponseEnabled(true));
        server.start();
        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(accepted()));

        await().atMost(Duration.ofSeconds(30)).until(() -> tocsin.stats().delivered() == BACKLOG);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(alertBodies()).hasSize(BACKLOG);
    }
}
