package dev.tocsin.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tocsin.Destinations;
import dev.tocsin.LogCapture;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDestinationTest {
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer server;
    private Tocsin tocsin;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        if (tocsin != null) {
            tocsin.close();
        }
        server.stop();
    }

    private Tocsin.Builder fast() {
        return Tocsin.builder().source("orders-host").backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1));
    }

    private List<LoggedRequest> requests(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static JsonNode json(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    @Test
    void eventsArePostedAsJsonSignedAsStandardWebhooksSayWithTheConfiguredHeaders() throws Exception {
        tocsin = fast().destination(WebhookDestination.builder().url(server.baseUrl() + "/hook")
                .header("Authorization", "Bearer hook-token-123").secret(SECRET).build()).build();
        tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").severity(Severity.CRITICAL).detail("free", "1%")
                .build());
        tocsin.change(ChangeEvent.of("deployed 1.2"));
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        List<LoggedRequest> sent = requests("/hook");
        assertThat(sent).hasSize(2);
        JsonNode alert = json(sent.get(0));
        assertThat(alert.path("type").asText()).isEqualTo("alert");
        assertThat(alert.path("action").asText()).isEqualTo("trigger");
        assertThat(alert.path("dedup_key").asText()).isEqualTo("disk");
        assertThat(alert.path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("details").path("free").asText()).isEqualTo("1%");
        assertThat(json(sent.get(1)).path("type").asText()).isEqualTo("change");
        WebhookVerifier verifier = WebhookVerifier.of(SECRET);
        for (LoggedRequest r : sent) {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer hook-token-123");
            verifier.verify(r.getBody(), r::getHeader);
            assertThat(r.getHeader("webhook-id")).matches("msg_[0-9a-f]{32}").isEqualTo(json(r).path("id").asText());
            assertThat(Long.parseLong(r.getHeader("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), within(60L));
            assertThat(r.getHeader("webhook-signature")).startsWith("v1,");
            assertThat(r.containsHeader(WebhookDestination.HUB_SIGNATURE_HEADER)).isFalse();
        }
        assertThat(sent.get(0).getHeader("webhook-id")).isNotEqualTo(sent.get(1).getHeader("webhook-id"));
    }

    @Test
    void theGitHubStyleBodySignatureIsAnOption() throws Exception {
        tocsin = fast().destination(WebhookDestination.builder().url(server.baseUrl() + "/hook")
                .secret("s3cret").signatureScheme(SignatureScheme.HUB_SIGNATURE_256).build()).build();
        tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build());
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        LoggedRequest r = requests("/hook").get(0);
        assertThat(r.getHeader("X-Hub-Signature-256")).matches("sha256=[0-9a-f]{64}");
        WebhookVerifier.of(SignatureScheme.HUB_SIGNATURE_256, "s3cret").verify(r.getBody(), r::getHeader);
        assertThat(r.containsHeader(WebhookDestination.SIGNATURE_HEADER)).isFalse();
        assertThat(r.getHeader("webhook-id")).as("the id is sent for idempotency, if unsigned")
                .isEqualTo(json(r).path("id").asText());
    }

    @Test
    void withoutASecretRequestsCarryTheIdAndTimestampUnsigned() {
        WebhookDestination hook = WebhookDestination.builder().url("https://hooks.example.com/x").build();
        var request = hook.encode(Alert.trigger("x").dedupKey("k").build());
        assertThat(request.headers()).containsOnlyKeys("webhook-id", "webhook-timestamp");
    }

    @Test
    void neitherTheSecretNorATokenNorASignatureIsLogged() throws Exception {
        server.stubFor(post(urlPathEqualTo("/refuses")).willReturn(aResponse().withStatus(400).withBody("no")));
        server.stubFor(post(urlPathEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        try (LogCapture logs = new LogCapture()) {
            tocsin = fast()
                    .destination(WebhookDestination.builder().url(server.baseUrl() + "/refuses")
                            .header("Authorization", "Bearer hook-token-123").secret(SECRET).build())
                    .destination(WebhookDestination.builder().url("http://127.0.0.1:" + server.port() + "/flaky")
                            .secret("hub-s3cret-xyz").signatureScheme(SignatureScheme.HUB_SIGNATURE_256).build())
                    .build();
            tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build());
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
            tocsin.close();
            assertThat(server.findAll(postRequestedFor(anyUrl()))).hasSizeGreaterThanOrEqualTo(3);
            String lines = String.join("\n", logs.lines());
            assertThat(lines).contains("refused").doesNotContain(SECRET.substring("whsec_".length()))
                    .doesNotContain("hook-token-123").doesNotContain("hub-s3cret-xyz");
            for (LoggedRequest r : server.findAll(postRequestedFor(anyUrl()))) {
                String signature = r.containsHeader("webhook-signature")
                        ? r.getHeader("webhook-signature").substring("v1,".length())
                        : r.getHeader("X-Hub-Signature-256").substring("sha256=".length());
                assertThat(lines).doesNotContain(signature);
            }
        }
    }

    @Test
    void webhooksGetTheSameRetriesAsEveryDestination() {
        server.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(post(anyUrl()).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        tocsin = fast().destination(WebhookDestination.builder().url(server.baseUrl() + "/hook").build()).build();
        tocsin.trigger("x", Severity.ERROR);
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(tocsin.stats().retried()).isEqualTo(1);
        assertThat(tocsin.stats().delivered()).isEqualTo(1);
    }

    @Test
    void slackMessagesAndTheChatOnlyPolicy() throws Exception {
        tocsin = fast()
                .destination(Destinations.forSeverities(WebhookDestination.builder()
                        .url(server.baseUrl() + "/pager").build(), Severity.CRITICAL, Severity.ERROR))
                .destination(Destinations.forSeverities(SlackDestination.of(server.baseUrl() + "/services/T0/B0/XYZ"),
                        Severity.WARNING, Severity.INFO))
                .build();
        tocsin.trigger(Alert.trigger("service down").dedupKey("p1").severity(Severity.CRITICAL).build());
        tocsin.trigger(Alert.trigger("latency <high> & rising").dedupKey("p3").severity(Severity.WARNING)
                .component("api").build());
        tocsin.resolve("p3");
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        // Different keys: a resolve ranks above any trigger, so the pager lane may send p3's first.
        assertThat(requests("/pager")).extracting(r -> json(r).path("dedup_key").asText() + "/"
                + json(r).path("action").asText()).containsExactlyInAnyOrder("p1/trigger", "p3/resolve");
        List<LoggedRequest> slack = requests("/services/T0/B0/XYZ");
        assertThat(slack).hasSize(2);
        JsonNode message = json(slack.get(0));
        assertThat(message.path("text").asText()).isEqualTo(":warning: *[WARNING]* latency &lt;high&gt; &amp; rising");
        assertThat(message.path("attachments").get(0).path("fields").toString()).contains("api");
        assertThat(json(slack.get(1)).path("text").asText()).contains("Resolved").contains("p3");
    }

    @Test
    void secretsStayOutOfNamesAndErrors() {
        SlackDestination slack = SlackDestination.of("https://hooks.slack.com/services/T000/B000/SECRETTOKEN");
        assertThat(slack.name() + slack).doesNotContain("SECRETTOKEN").contains("hooks.slack.com");
        WebhookDestination hook = WebhookDestination.builder().url("https://hooks.example.com/x")
                .header("Authorization", "Bearer TOPSECRET").secret(SECRET).build();
        assertThat(hook.name() + hook).doesNotContain("TOPSECRET").doesNotContain(SECRET.substring(6));
        assertThatThrownBy(() -> WebhookDestination.builder().url("https://hooks.example.com/x")
                .header("webhook-signature", "v1,forged")).hasMessageContaining("set by the destination")
                .hasMessageNotContaining("forged");
        assertThatThrownBy(() -> WebhookDestination.builder().url("https://hooks.example.com/x")
                .signatureScheme(SignatureScheme.HUB_SIGNATURE_256).build()).hasMessageContaining("webhook.secret");
        assertThatThrownBy(() -> WebhookDestination.builder().url("http://hooks.example.com/x").build())
                .hasMessageContaining("webhook.url");
        assertThatThrownBy(() -> SlackDestination.of("http://hooks.slack.com/services/T/B/SECRET"))
                .hasMessageContaining("slack.webhookUrl").hasMessageNotContaining("SECRET");
    }
}
