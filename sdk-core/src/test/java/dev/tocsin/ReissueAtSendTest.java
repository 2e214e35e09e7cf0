package dev.tocsin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Resending#reissue(WireRequest, Instant)}: asked on every attempt, with the send time. */
class ReissueAtSendTest {
    private static final String PATH = "/events";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private WireMockServer server;
    private Tocsin tocsin;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        if (tocsin != null) {
            tocsin.close();
        }
        server.stop();
    }

    private DeliveryResult send(StampingDestination destination) throws Exception {
        tocsin = Tocsin.builder().destination(destination).clock(clock)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimit(10_000, Duration.ofSeconds(1)).build();
        var stage = tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build()).toCompletableFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofMillis(20)); // backoff and "not yet" wait on the client's clock
            return stage.isDone();
        });
        return stage.get(1, TimeUnit.SECONDS);
    }

    private List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void everyAttemptIsMadeAgainWithItsSendTime() throws Exception {
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("once"));
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));

        assertThat(send(new StampingDestination(server.baseUrl(), 0, false)).delivered()).isTrue();

        List<Instant> sentAt = requests().stream().map(r -> Instant.parse(r.getHeader("X-Sent-At"))).toList();
        assertThat(sentAt).hasSize(3).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aDestinationNotReadyIsAskedAgainWithoutCountingAFailure() throws Exception {
        StampingDestination destination = new StampingDestination(server.baseUrl(), 3, false);
        assertThat(send(destination).delivered()).isTrue();

        assertThat(destination.asked.get()).isEqualTo(4);
        assertThat(requests()).hasSize(1);
        assertThat(tocsin.stats().retried()).isZero();
    }

    @Test
    void aDestinationThatFailsToMakeItAgainHasItSentAsQueued() throws Exception {
        assertThat(send(new StampingDestination(server.baseUrl(), 0, true)).delivered()).isTrue();

        LoggedRequest sent = requests().get(0);
        assertThat(sent.containsHeader("X-Sent-At")).isFalse();
        assertThat(sent.getBodyAsString()).isEqualTo("{\"key\":\"disk\"}");
        assertThat(tocsin.stats().internalErrors()).as("a destination's failure is not silent").isEqualTo(1);
    }

    /** Stamps each attempt with its send time; says "not yet" {@code notReady} times first, or fails. */
    private static final class StampingDestination implements Destination, Resending {
        final AtomicInteger asked = new AtomicInteger();
        private final URI uri;
        private final int notReady;
        private final boolean fails;

        StampingDestination(String base, int notReady, boolean fails) {
            this.uri = URI.create(base + PATH);
            this.notReady = notReady;
            this.fails = fails;
        }

        @Override
        public String name() {
            return "stamping";
        }

        @Override
        public String laneKey() {
            return "stamping";
        }

        @Override
        public WireRequest encode(Alert alert) {
            return new WireRequest(uri, ("{\"key\":\"" + alert.dedupKey() + "\"}").getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        @Override
        public WireRequest encode(ChangeEvent event) {
            return null;
        }

        @Override
        public Resending resending() {
            return this;
        }

        @Override
        public WireRequest reissue(WireRequest request, Instant now) {
            if (asked.incrementAndGet() <= notReady) {
                return null;
            }
            if (fails) {
                throw new IllegalStateException("broken");
            }
            return new WireRequest(request.uri(), request.body(), Map.of("X-Sent-At", now.toString()));
        }
    }
}
