package dev.tocsin.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.DeadLetters;
import dev.tocsin.Destinations;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A re-queued dead letter of a webhook is sent with the headers it would have had — the authorization header, its
 * message id, a timestamp and a signature made when it is sent again — by the destination the next client is
 * started with; the dead-letter file never holds the token, the secret or a signature.
 */
class WebhookDeadLetterTest {
    private static final String TOKEN = "tok-9f8e7d6c5b4a39281706";
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String ROTATED = "whsec_" + Base64.getEncoder().encodeToString(
            "rotated-fedcba9876543210-rotated".getBytes(StandardCharsets.US_ASCII));
    /** The next client starts an hour later: a timestamp kept from the first attempt would be refused. */
    private static final Instant LATER = Instant.now().plus(Duration.ofHours(1));
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

    private Destination webhook(String secret, boolean wrapped) {
        return webhook(secret, wrapped, Clock.systemUTC());
    }

    private Destination webhook(String secret, boolean wrapped, Clock clock) {
        Destination d = WebhookDestination.builder().url(server.baseUrl() + "/hook")
                .header("Authorization", "Bearer " + TOKEN).secret(secret).clock(clock).build();
        return wrapped ? Destinations.forSeverities(d, Severity.CRITICAL, Severity.ERROR) : d;
    }

    private Tocsin spooled(Destination destination) {
        return Tocsin.builder().destination(destination).spool(dir).source("orders-host")
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).rateLimit(10_000, Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(2)).build();
    }

    @ParameterizedTest(name = "wrapped in forSeverities: {0}")
    @ValueSource(booleans = {false, true})
    void aRequeuedDeadLetterIsSentWithItsHeadersAndASignatureMadeAgain(boolean wrapped) throws Exception {
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400).withBody("bad")));
        try (Tocsin first = spooled(webhook(SECRET, wrapped))) {
            assertThat(first.trigger(Alert.trigger("disk full").dedupKey("disk").build()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.REJECTED);
        }
        LoggedRequest refused = server.findAll(postRequestedFor(anyUrl())).get(0);
        String file = Files.readString(dir.resolve("dead-letters.jsonl"), StandardCharsets.UTF_8);
        assertThat(file).contains("disk full").doesNotContain(TOKEN).doesNotContain(SECRET.substring(6))
                .doesNotContain(refused.getHeader("webhook-signature").substring(3))
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("webhook-signature");

        server.resetAll();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
        assertThat(DeadLetters.requeue(dir, Duration.ofHours(1))).isEqualTo(1);
        // The secret was rotated meanwhile: the receiver checks with the new one.
        try (Tocsin second = spooled(webhook(ROTATED, wrapped, Clock.fixed(LATER, ZoneOffset.UTC)))) {
            assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        }
        LoggedRequest sent = server.findAll(postRequestedFor(anyUrl())).get(0);
        assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSize(1);
        assertThat(sent.getBody()).isEqualTo(refused.getBody());
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.getHeader("webhook-id")).as("the same delivery: the same id").isEqualTo(
                refused.getHeader("webhook-id"));
        assertThat(sent.getHeader("webhook-timestamp")).isEqualTo(Long.toString(LATER.getEpochSecond()));
        WebhookVerifier.of(ROTATED).withClock(Clock.fixed(LATER, ZoneOffset.UTC)).verify(sent.getBody(),
                sent::getHeader);
    }

    @ParameterizedTest(name = "wrapped in forSeverities: {0}")
    @ValueSource(booleans = {false, true})
    void reissuingKeepsTheUriAndBodyAndMakesTheHeadersOfTheDestinationAsItIsNow(boolean wrapped) {
        Destination before = webhook(SECRET, wrapped);
        var stored = before.encode(Alert.trigger("x").dedupKey("k").severity(Severity.ERROR).build());
        UnaryOperator<dev.tocsin.spi.WireRequest> stripped = r -> new dev.tocsin.spi.WireRequest(r.uri(), r.body(),
                null);
        var again = webhook(ROTATED, wrapped, Clock.fixed(LATER, ZoneOffset.UTC)).resending()
                .reissue(stripped.apply(stored));
        assertThat(again.uri()).isEqualTo(stored.uri());
        assertThat(again.body()).isEqualTo(stored.body());
        assertThat(again.headers()).containsEntry("Authorization", "Bearer " + TOKEN)
                .containsEntry("webhook-id", stored.headers().get("webhook-id"))
                .containsEntry("webhook-timestamp", Long.toString(LATER.getEpochSecond()));
        assertThatCode(() -> WebhookVerifier.of(ROTATED).withClock(Clock.fixed(LATER, ZoneOffset.UTC))
                .verify(again.body(), again.headers()::get)).doesNotThrowAnyException();
        assertThatThrownBy(() -> WebhookVerifier.of(SECRET).withClock(Clock.fixed(LATER, ZoneOffset.UTC))
                .verify(again.body(), again.headers()::get)).isInstanceOf(WebhookVerificationException.class);
    }
}
