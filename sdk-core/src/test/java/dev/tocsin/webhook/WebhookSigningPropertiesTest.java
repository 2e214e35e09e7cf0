package dev.tocsin.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.Seeds;
import dev.tocsin.webhook.WebhookVerificationException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of signing and verifying over generated bodies (any bytes, empty to 64 KiB), secrets, message ids,
 * send times and tolerances (seeds in {@link Seeds}): what the destination signs verifies; any flipped bit of the
 * body, another id or timestamp, another secret, or a send time outside the tolerance does not; and no message or
 * {@code toString} shows the secret, its key bytes or the expected signature.
 */
class WebhookSigningPropertiesTest {
    private static final URI URL = URI.create("https://hooks.example.com/tocsin");

    static Stream<Arguments> standardWebhooks() {
        return Seeds.batches("webhook-standard");
    }

    static Stream<Arguments> hubSignature() {
        return Seeds.batches("webhook-hub");
    }

    /** One generated case: a secret, a body, an id, a send time, a tolerance. */
    private static final class Case {
        final long seed;
        final Random random;
        final byte[] key;
        final String secret;
        final byte[] body;
        final String id;
        final long sentAt;
        final Duration tolerance;

        Case(long seed, SignatureScheme scheme) {
            this.seed = seed;
            this.random = new Random(seed);
            if (scheme == SignatureScheme.STANDARD_WEBHOOKS) {
                key = bytes(24 + random.nextInt(41));
                secret = "whsec_" + Base64.getEncoder().encodeToString(key);
            } else {
                secret = text(12 + random.nextInt(40));
                key = secret.getBytes(StandardCharsets.UTF_8);
            }
            int size = random.nextInt(8) == 0 ? random.nextInt(64 * 1024) : random.nextInt(300);
            body = bytes(size);
            id = "msg_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            sentAt = 1_000_000_000L + (random.nextLong() & 0xFFF_FFFFL);
            tolerance = Duration.ofSeconds(random.nextInt(3) == 0 ? 300 : random.nextInt(3600));
        }

        byte[] bytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }

        /** Any code points, astral and control ones included, but no lone surrogates. */
        String text(int n) {
            StringBuilder s = new StringBuilder();
            while (s.length() < n) {
                int cp = random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 0x21 + random.nextInt(0x5E);
                if (cp < 0xD800 || cp > 0xDFFF) {
                    s.appendCodePoint(cp);
                }
            }
            return s.toString();
        }

        WebhookDestination destination(SignatureScheme scheme) {
            return WebhookDestination.builder().url(URL.toString()).secret(secret).signatureScheme(scheme)
                    .clock(Clock.fixed(Instant.ofEpochSecond(sentAt), ZoneOffset.UTC)).build();
        }

        /** The request as the destination sends it, for this body and id. */
        Map<String, String> signed(SignatureScheme scheme) {
            return destination(scheme).reissue(new WireRequest(URL, body, Map.of(WebhookDestination.ID_HEADER, id)))
                    .headers();
        }

        WebhookVerifier verifier(SignatureScheme scheme, long now) {
            return WebhookVerifier.of(scheme, secret).withTolerance(tolerance)
                    .withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        }

        /** A time within the tolerance of the send time, edges included. */
        long within() {
            long t = tolerance.getSeconds();
            return sentAt - t + (long) (random.nextDouble() * (2 * t + 1));
        }

        String why() {
            return Seeds.rerun(seed) + ", body " + body.length + " bytes, tolerance " + tolerance;
        }

        /** The failure's reason, after checking that its message shows nothing secret. */
        Reason reasonOf(WebhookVerifier verifier, byte[] body, Map<String, String> headers, String expected) {
            assertThat(verifier.toString()).as(why()).doesNotContain(secret);
            try {
                verifier.verify(body, name -> find(headers, name));
                return null;
            } catch (WebhookVerificationException e) {
                assertThat(e.getMessage()).as(why()).doesNotContain(secret)
                        .doesNotContain(Base64.getEncoder().encodeToString(key))
                        .doesNotContainIgnoringCase(HexFormat.of().formatHex(key))
                        .doesNotContain(expected);
                return e.reason();
            }
        }
    }

    private static String find(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static byte[] flipOneBit(Case c) {
        if (c.body.length == 0) {
            return new byte[] {(byte) c.random.nextInt(256)};
        }
        byte[] tampered = c.body.clone();
        int at = c.random.nextInt(tampered.length);
        tampered[at] ^= (byte) (1 << c.random.nextInt(8));
        return tampered;
    }

    @ParameterizedTest
    @MethodSource
    void standardWebhooks(long[] seeds) {
        SignatureScheme scheme = SignatureScheme.STANDARD_WEBHOOKS;
        for (long seed : seeds) {
            Case c = new Case(seed, scheme);
            Map<String, String> h = c.signed(scheme);
            String signature = h.get(WebhookDestination.SIGNATURE_HEADER);
            String expected = signature.substring(3);
            assertThat(h).as(c.why()).containsEntry(WebhookDestination.ID_HEADER, c.id)
                    .containsEntry(WebhookDestination.TIMESTAMP_HEADER, Long.toString(c.sentAt));
            assertThat(c.destination(scheme).toString()).as(c.why()).doesNotContain(c.secret);

            assertThat(c.reasonOf(c.verifier(scheme, c.within()), c.body, h, expected)).as(c.why()).isNull();
            assertThat(c.reasonOf(c.verifier(scheme, c.within()), flipOneBit(c), h, expected))
                    .as(c.why() + ": a flipped bit").isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt), c.body,
                    with(h, WebhookDestination.ID_HEADER, c.id + "x"), expected)).as(c.why() + ": another id")
                    .isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt), c.body,
                    with(h, WebhookDestination.TIMESTAMP_HEADER, Long.toString(c.sentAt + 1)), expected))
                    .as(c.why() + ": another timestamp").isIn(Reason.NO_MATCHING_SIGNATURE, Reason.TIMESTAMP_TOO_NEW);
            Case other = new Case(seed ^ 0x5DEECE66DL, scheme);
            assertThat(other.reasonOf(other.verifier(scheme, c.sentAt), c.body, h, expected))
                    .as(c.why() + ": another secret").isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            long beyond = c.tolerance.getSeconds() + 1 + c.random.nextInt(100_000);
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt + beyond), c.body, h, expected))
                    .as(c.why() + ": sent too long ago").isEqualTo(Reason.TIMESTAMP_TOO_OLD);
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt - beyond), c.body, h, expected))
                    .as(c.why() + ": sent in the future").isEqualTo(Reason.TIMESTAMP_TOO_NEW);
        }
    }

    @ParameterizedTest
    @MethodSource
    void hubSignature(long[] seeds) {
        SignatureScheme scheme = SignatureScheme.HUB_SIGNATURE_256;
        for (long seed : seeds) {
            Case c = new Case(seed, scheme);
            Map<String, String> h = c.signed(scheme);
            String expected = h.get(WebhookDestination.HUB_SIGNATURE_HEADER).substring("sha256=".length());
            assertThat(h).as(c.why()).doesNotContainKey(WebhookDestination.SIGNATURE_HEADER);
            assertThat(c.destination(scheme).toString()).as(c.why()).doesNotContain(c.secret);

            // No time is signed: any clock verifies, which is why this scheme is not the default.
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt + 86_400), c.body, h, expected)).as(c.why()).isNull();
            assertThat(c.reasonOf(c.verifier(scheme, c.sentAt), flipOneBit(c), h, expected))
                    .as(c.why() + ": a flipped bit").isEqualTo(Reason.NO_MATCHING_SIGNATURE);
            Case other = new Case(seed ^ 0x5DEECE66DL, scheme);
            assertThat(other.reasonOf(other.verifier(scheme, c.sentAt), c.body, h, expected))
                    .as(c.why() + ": another secret").isEqualTo(Reason.NO_MATCHING_SIGNATURE);
        }
    }
}
