package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input at run time is repaired or cut, never thrown at the caller, and never breaks PagerDuty's limits. */
class PayloadLimitsTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private JsonNode sendAndRead(Alert alert) throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = tocsin.trigger(alert).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
        return api.alerts().get(api.alerts().size() - 1);
    }

    @Test
    void aLongSummaryIsCutTo1024Characters() throws Exception {
        JsonNode body = sendAndRead(Alert.trigger("x".repeat(5000)).build());
        String summary = body.path("payload").path("summary").asText();
        assertThat(summary).hasSize(1024).endsWith("…");
    }

    @Test
    void aKeyOver255CharactersIsHashedToFit() throws Exception {
        String longKey = "k".repeat(300);
        JsonNode body = sendAndRead(Alert.trigger("s").dedupKey(longKey).build());
        String key = body.path("dedup_key").asText();
        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("k".repeat(200));
        assertThat(DedupKeys.sanitize(longKey)).isEqualTo(key);
        assertThat(DedupKeys.sanitize("k".repeat(299) + "j")).isNotEqualTo(key);
    }

    @Test
    void detailsBeyondTheTextBudgetAreOmittedWithANoteAndTheAlertIsSent() throws Exception {
        Alert.Builder alert = Alert.trigger("huge").dedupKey("huge");
        for (int i = 0; i < 100; i++) {
            alert.detail("blob" + i, "y".repeat(8_000));
        }
        JsonNode body = sendAndRead(alert.build());
        JsonNode details = body.path("payload").path("custom_details");
        assertThat(body.toString().length()).isLessThan(512 * 1024);
        assertThat(details.path("blob0").asText()).hasSize(8_000);
        assertThat(details.path("blob99").asText()).startsWith("<omitted: details longer than");
        assertThat(body.path("payload").path("summary").asText()).isEqualTo("huge");
    }

    /** What a destination receives from the client: every required field set. */
    private static Alert.Builder normalised() {
        return Alert.trigger("huge").dedupKey("huge").source("test-host").severity(Severity.ERROR)
                .timestamp(java.time.Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void anEncodedEventOver512KbIsShrunkDetailsFirstThenReplacedByANote() {
        Alert.Builder shrinkable = normalised();
        for (int i = 0; i < 100; i++) {
            shrinkable.detail("blob" + i, "y".repeat(8_000));
        }
        // The destination's own guard, behind the normaliser's budget: encode without normalising first.
        JsonNode shrunk = PagerDutyContract.read(api.destination().encode(shrinkable.build()).body());
        assertThat(shrunk.toString().length()).isLessThan(512 * 1024);
        assertThat(shrunk.path("payload").path("custom_details").path("blob0").asText()).hasSize(1024);

        Alert.Builder tooBig = normalised();
        for (int i = 0; i < 1000; i++) {
            tooBig.detail("blob" + i, "y".repeat(2_000));
        }
        JsonNode replaced = PagerDutyContract.read(api.destination().encode(tooBig.build()).body());
        assertThat(replaced.path("payload").path("custom_details").path("tocsin_truncated").asText())
                .contains("512 KB");
        assertThat(replaced.path("payload").path("summary").asText()).isEqualTo("huge");
    }

    @Test
    void nonHttpsImagesAreDroppedAndControlCharactersCleaned() throws Exception {
        JsonNode body = sendAndRead(Alert.trigger("line one\nline\u0007two \uD800 lone")
                .image("http://insecure.example.com/a.png", null, null)
                .image("https://secure.example.com/b.png", null, "b")
                .link("javascript:alert(1)", "bad")
                .detail("text", "tab\tand\u0000nul").build());
        assertThat(body.path("payload").path("summary").asText()).isEqualTo("line one line two \uFFFD lone");
        assertThat(body.path("images")).hasSize(1);
        assertThat(body.path("images").get(0).path("src").asText()).startsWith("https://");
        assertThat(body.has("links")).isFalse();
        assertThat(body.path("payload").path("custom_details").path("text").asText()).isEqualTo("tab\tand nul");
    }

    @Test
    void badInputNeverThrowsIntoTheCaller() {
        Tocsin tocsin = api.client();
        assertThat(tocsin.trigger((Alert) null).toCompletableFuture().join().status()).isEqualTo(Status.REJECTED);
        assertThat(tocsin.acknowledge(null).toCompletableFuture().join().status()).isEqualTo(Status.REJECTED);
        assertThat(tocsin.resolve("  ").toCompletableFuture().join().status()).isEqualTo(Status.REJECTED);
        assertThat(tocsin.trigger((String) null, (Throwable) null).toCompletableFuture().join().status())
                .isEqualTo(Status.DELIVERED);
        assertThat(tocsin.change(null).toCompletableFuture().join().status()).isEqualTo(Status.REJECTED);
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void anExceptionBecomesKeyAndDetails() throws Exception {
        Tocsin tocsin = api.client();
        IllegalStateException failure = new IllegalStateException("pool exhausted",
                new java.net.SocketTimeoutException("read timed out"));
        DeliveryResult result = tocsin.trigger("Checkout failed", failure).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(result.dedupKey()).isEqualTo(DedupKeys.of(failure)).startsWith("SocketTimeoutException-");
        JsonNode details = api.alerts().get(0).path("payload").path("custom_details");
        assertThat(details.path("exception").asText()).contains("IllegalStateException: pool exhausted");
        assertThat(details.path("stack_trace").asText()).contains("Caused by: java.net.SocketTimeoutException")
                .contains("PayloadLimitsTest.anExceptionBecomesKeyAndDetails");
    }

    @Test
    void secretsInSummariesDetailsAndExceptionsDoNotLeaveTheProcess() throws Exception {
        Tocsin tocsin = api.client();
        IllegalStateException failure = new IllegalStateException(
                "connect to postgres://orders:hunter2@db.internal/orders failed");
        tocsin.trigger(Alert.trigger("login with password=hunter2 failed").dedupKey("secrets")
                .detail("request", "Authorization: Bearer tok3n-value-123456")
                .detail("dbPassword", "hunter2")
                .detail("nested", java.util.Map.of("secret", "hunter2", "url", "https://u:hunter2@h/x"))
                .build(), failure).toCompletableFuture().get(10, TimeUnit.SECONDS);
        String body = api.alerts().get(0).toString();
        assertThat(body).doesNotContain("hunter2").doesNotContain("tok3n-value-123456").contains("****");
    }
}
