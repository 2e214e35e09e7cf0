package dev.tocsin.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message id identifies one delivery for the receiver's idempotency: it is the same on every attempt, across a
 * restart that replays the spool, and in the body; while the timestamp and signature are made each time the request
 * is reissued, so a replayed request is inside the receiver's tolerance when it is sent.
 */
class WebhookMessageIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = WebhookDestinationTest.SECRET;
    @TempDir
    Path dir;
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Tocsin.Builder client(WebhookDestination hook) {
        return Tocsin.builder().destination(hook).source("orders-host")
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimit(10_000, Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(1));
    }

    private List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(anyUrl()));
    }

    private static String bodyId(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBody()).path("id").asText();
    }

    @Test
    void everyAttemptOfADeliveryHasTheSameIdAndEveryDeliveryItsOwn() throws Exception {
        server.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        try (Tocsin tocsin = client(WebhookDestination.builder().url(server.baseUrl() + "/hook").secret(SECRET)
                .build()).build()) {
            tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build());
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
            tocsin.resolve("disk");
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        }
        List<LoggedRequest> sent = requests();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).getHeader("webhook-id")).as("the retry").isEqualTo(sent.get(0).getHeader("webhook-id"))
                .isEqualTo(bodyId(sent.get(0)));
        assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
        assertThat(sent.get(2).getHeader("webhook-id")).as("the resolve").isNotEqualTo(sent.get(0).getHeader(
                "webhook-id")).isEqualTo(bodyId(sent.get(2)));
        for (LoggedRequest r : sent) {
            WebhookVerifier.of(SECRET).verify(r.getBody(), r::getHeader);
        }
    }

    @Test
    void aRequestReplayedAfterARestartKeepsItsIdAndIsStampedAndSignedWhenItIsSentAgain() throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));
        MutableClock clock = new MutableClock(Instant.now());
        try (Tocsin first = client(WebhookDestination.builder().url(server.baseUrl() + "/hook").secret(SECRET)
                .clock(clock).build()).spool(dir).build()) {
            first.trigger(Alert.trigger("disk full").dedupKey("disk").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> !requests().isEmpty());
        }
        LoggedRequest attempted = requests().get(0);
        server.resetAll();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        clock.advance(Duration.ofMinutes(30)); // far past the receiver's tolerance of the first attempt's time
        try (Tocsin second = client(WebhookDestination.builder().url(server.baseUrl() + "/hook").secret(SECRET)
                .clock(clock).build()).spool(dir).build()) {
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        }
        LoggedRequest replayed = requests().get(0);
        assertThat(replayed.getBody()).isEqualTo(attempted.getBody());
        assertThat(replayed.getHeader("webhook-id")).isEqualTo(attempted.getHeader("webhook-id"));
        assertThat(Long.parseLong(replayed.getHeader("webhook-timestamp")))
                .isEqualTo(clock.instant().getEpochSecond());
        WebhookVerifier atReplay = WebhookVerifier.of(SECRET).withClock(clock);
        atReplay.verify(replayed.getBody(), replayed::getHeader);
        assertThatThrownBy(() -> atReplay.verify(attempted.getBody(), attempted::getHeader))
                .as("the first attempt, captured and played back now").isInstanceOfSatisfying(
                        WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(
                                WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD));
    }

    @Test
    void everyAttemptIsStampedAndSignedAtItsSendTime() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookDestination hook = WebhookDestination.builder().url(server.baseUrl() + "/hook").secret(SECRET)
                .clock(clock).build();
        var first = hook.encode(Alert.trigger("disk full").dedupKey("disk").build());
        clock.advance(Duration.ofMinutes(30)); // a retry after a long outage
        var retry = hook.reissue(first, clock.instant());

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
        assertThat(Long.parseLong(retry.headers().get("webhook-timestamp"))).isEqualTo(clock.instant().getEpochSecond());
        WebhookVerifier now = WebhookVerifier.of(SECRET).withClock(clock);
        now.verify(retry.body(), retry.headers()::get);
        assertThatThrownBy(() -> now.verify(first.body(), first.headers()::get))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aBodyWithoutAnIdGetsTheSameIdOnEveryReissue() {
        WebhookDestination hook = WebhookDestination.builder().url("https://hooks.example.com/x").secret(SECRET)
                .build();
        byte[] old = "{\"type\":\"alert\",\"action\":\"trigger\",\"dedup_key\":\"k\"}".getBytes(StandardCharsets.UTF_8);
        WireRequest stored = new WireRequest(URI.create("https://hooks.example.com/x"), old, Map.of());
        String id = hook.reissue(stored).headers().get("webhook-id");
        assertThat(id).matches("msg_[0-9a-f]{32}").isEqualTo(hook.reissue(stored).headers().get("webhook-id"));
        assertThat(hook.reissue(new WireRequest(stored.uri(), "{}".getBytes(StandardCharsets.UTF_8), Map.of()))
                .headers().get("webhook-id")).isNotEqualTo(id);
        byte[] dotted = "{\"id\":\"msg.1614265330\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(hook.reissue(new WireRequest(stored.uri(), dotted, Map.of())).headers().get("webhook-id"))
                .as("an id with a dot would blur id.timestamp.body").matches("msg_[0-9a-f]{32}");
        byte[] garbage = {(byte) 0xff, 0, '{'};
        assertThat(hook.reissue(new WireRequest(stored.uri(), garbage, Map.of())).headers())
                .containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    }
}
