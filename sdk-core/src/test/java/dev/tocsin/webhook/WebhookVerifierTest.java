package dev.tocsin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier against the published test vectors of both schemes, and each way a request fails. The Standard
 * Webhooks vector is the one of the specification's reference libraries (standard-webhooks/standard-webhooks,
 * {@code libraries/java/.../WebhookTest.java}, {@code verifyWebhookSignWorks}); the GitHub one is from GitHub's
 * "Validating webhook deliveries".
 */
class WebhookVerifierTest {
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330;
    static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private static final byte[] GITHUB_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String GITHUB_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static WebhookVerifier at(long epochSecond) {
        return WebhookVerifier.of(VECTOR_SECRET).withClock(Clock.fixed(Instant.ofEpochSecond(epochSecond),
                ZoneOffset.UTC));
    }

    private static Map<String, List<String>> vectorHeaders(String signature) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("webhook-id", List.of(VECTOR_ID));
        h.put("webhook-timestamp", List.of(Long.toString(VECTOR_TIMESTAMP)));
        h.put("webhook-signature", List.of(signature));
        return h;
    }

    private static Reason reasonOf(WebhookVerifier verifier, byte[] body, Map<String, List<String>> headers) {
        try {
            verifier.verify(body, headers);
            return null;
        } catch (WebhookVerificationException e) {
            return e.reason();
        }
    }

    @Test
    void theSignerMakesTheStandardWebhooksTestVector() {
        Signer signer = Signer.of(SignatureScheme.STANDARD_WEBHOOKS, VECTOR_SECRET, "test");
        assertThat(signer.standard(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY)).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theStandardWebhooksTestVectorVerifies() {
        assertThatCode(() -> at(VECTOR_TIMESTAMP).verify(VECTOR_BODY, vectorHeaders(VECTOR_SIGNATURE)))
                .doesNotThrowAnyException();
    }

    @Test
    void theGitHubTestVectorSignsAndVerifies() throws Exception {
        assertThat(Signer.of(SignatureScheme.HUB_SIGNATURE_256, GITHUB_SECRET, "test").hub(GITHUB_BODY))
                .isEqualTo(GITHUB_SIGNATURE);
        WebhookVerifier hub = WebhookVerifier.of(SignatureScheme.HUB_SIGNATURE_256, GITHUB_SECRET);
        hub.verify(GITHUB_BODY, Map.of("X-Hub-Signature-256", List.of(GITHUB_SIGNATURE)));
        hub.verify(GITHUB_BODY, name -> name.equalsIgnoreCase("x-hub-signature-256")
                ? GITHUB_SIGNATURE.toUpperCase().replace("SHA256=", "sha256=") : null); // hex in either case
        assertThatThrownBy(() -> hub.verify("Hello, World?".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Hub-Signature-256", List.of(GITHUB_SIGNATURE))))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
        assertThatThrownBy(() -> hub.verify(GITHUB_BODY, Map.of()))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
    }

    @Test
    void theToleranceIsFiveMinutesEitherWayEdgesIncluded() {
        Map<String, List<String>> h = vectorHeaders(VECTOR_SIGNATURE);
        assertThat(WebhookVerifier.DEFAULT_TOLERANCE).isEqualTo(Duration.ofMinutes(5));
        assertThat(reasonOf(at(VECTOR_TIMESTAMP + 300), VECTOR_BODY, h)).isNull();
        assertThat(reasonOf(at(VECTOR_TIMESTAMP - 300), VECTOR_BODY, h)).isNull();
        assertThat(reasonOf(at(VECTOR_TIMESTAMP + 301), VECTOR_BODY, h)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
        assertThat(reasonOf(at(VECTOR_TIMESTAMP - 301), VECTOR_BODY, h)).isEqualTo(Reason.TIMESTAMP_TOO_NEW);
        assertThat(reasonOf(at(VECTOR_TIMESTAMP + 3600).withTolerance(Duration.ofHours(1)), VECTOR_BODY, h))
                .isNull();
        assertThat(reasonOf(at(VECTOR_TIMESTAMP + 1).withTolerance(Duration.ZERO), VECTOR_BODY, h))
                .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void oneMatchingV1SignatureAmongSeveralSuffices() {
        String rotated = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,aGVsbG8= " + VECTOR_SIGNATURE
                + " v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, vectorHeaders(rotated))).isNull();
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY,
                vectorHeaders("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")))
                .as("the right bytes under another version").isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, vectorHeaders("v1,not base64!")))
                .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, vectorHeaders("garbage")))
                .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void headerNamesMatchInAnyCase() {
        Map<String, List<String>> shouting = new TreeMap<>();
        vectorHeaders(VECTOR_SIGNATURE).forEach((k, v) -> shouting.put(k.toUpperCase(), v));
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, shouting)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void aMissingOrEmptyHeaderFails(String header) {
        Map<String, List<String>> h = vectorHeaders(VECTOR_SIGNATURE);
        h.remove(header);
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, h)).isEqualTo(Reason.MISSING_HEADER);
        h.put(header, List.of(" "));
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, h)).isEqualTo(Reason.MISSING_HEADER);
        h.put(header, List.of());
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, h)).isEqualTo(Reason.MISSING_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1614265330", "+1614265330", "1614265330.0", "1.6e9", "2021-02-25T15:02:10Z", "x",
            "99999999999999999999"})
    void aTimestampThatIsNotWholeSecondsFails(String timestamp) {
        Map<String, List<String>> h = vectorHeaders(VECTOR_SIGNATURE);
        h.put("webhook-timestamp", List.of(timestamp));
        assertThat(reasonOf(at(VECTOR_TIMESTAMP), VECTOR_BODY, h)).isEqualTo(Reason.MALFORMED_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "whsec_not base64!", "whsec_c2hvcnQ=", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            " ", ""})
    void aSecretThatIsNotAStandardWebhooksOneIsRefusedWithoutShowingIt(String secret) {
        assertThatThrownBy(() -> WebhookVerifier.of(secret)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    if (secret.length() > 6) {
                        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(6));
                    }
                });
        assertThatThrownBy(() -> WebhookDestination.builder().url("https://hooks.example.com/x").secret(secret)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook.secret");
    }

    @Test
    void aSecretWithATrailingLineBreakIsTheSameSecret() {
        assertThat(reasonOf(WebhookVerifier.of(VECTOR_SECRET + "\n").withClock(Clock.fixed(
                Instant.ofEpochSecond(VECTOR_TIMESTAMP), ZoneOffset.UTC)), VECTOR_BODY,
                vectorHeaders(VECTOR_SIGNATURE))).isNull();
    }

    @Test
    void noMessageAndNoToStringShowsTheSecretOrTheExpectedSignature() {
        WebhookVerifier verifier = at(VECTOR_TIMESTAMP);
        assertThat(verifier.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .contains("STANDARD_WEBHOOKS");
        Map<String, List<String>> h = vectorHeaders("v1,AAAA");
        assertThatThrownBy(() -> verifier.verify(VECTOR_BODY, h)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").doesNotContain("g0hM9SsE"));
        assertThat(Signer.of(SignatureScheme.STANDARD_WEBHOOKS, VECTOR_SECRET, "test").toString())
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
