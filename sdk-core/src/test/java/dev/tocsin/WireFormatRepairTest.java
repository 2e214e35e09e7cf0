package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.testing.HostileDetails;
import dev.tocsin.testing.HostileThrowables;
import dev.tocsin.testing.InboxFixture;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What reaches the wire is repaired, not refused: timestamps, dedup keys, URLs, unrenderable values, secrets. */
class WireFormatRepairTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    private static DeliveryResult outcome(CompletionStage<DeliveryResult> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stage did not complete in 5 s: tocsin-dispatch is likely dead");
        }
    }

    /** Sends one alert on a fresh client, expects it delivered and returns its request body. */
    private JsonNode delivered(Alert alert) throws Exception {
        DeliveryResult result = outcome(api.client().trigger(alert));
        assertThat(result.status()).as(result.detail()).isEqualTo(Status.DELIVERED);
        List<JsonNode> bodies = api.alerts();
        return bodies.get(bodies.size() - 1);
    }

    @Test
    void farFutureTimestampIsSentAsRfc3339() throws Exception {
        JsonNode body = delivered(Alert.trigger("clock skew").timestamp(Instant.parse("+10000-01-01T00:00:00Z")).build());
        String sent = body.path("payload").path("timestamp").asText();
        assertThat(sent).matches(RFC_3339);
        assertThat(OffsetDateTime.parse(sent).getYear()).isEqualTo(9999);
        assertThat(body.path("payload").path("custom_details").toString()).contains("+10000-01-01T00:00:00Z");
    }

    @Test
    void extremeTimestampsAreClampedIntoRfc3339() throws Exception {
        for (Instant t : List.of(Instant.MIN, Instant.MAX, Instant.parse("-0042-06-01T00:00:00Z"))) {
            JsonNode body = delivered(Alert.trigger("clock skew").dedupKey("skew-" + t.getEpochSecond())
                    .timestamp(t).build());
            assertThat(body.path("payload").path("timestamp").asText()).as("%s", t).matches(RFC_3339);
        }
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.change(new ChangeEvent("deploy", null, Instant.MAX, null, null))).status())
                .isEqualTo(Status.DELIVERED); // the base class checks the change request's timestamp too
    }

    @Test
    void distinctNonAsciiDedupKeysStayDistinct() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult first = outcome(tocsin.trigger(Alert.trigger("first").dedupKey("ошибка").build()));
        DeliveryResult second = outcome(tocsin.trigger(Alert.trigger("second").dedupKey("авария").build()));
        assertThat(first.status()).isEqualTo(Status.DELIVERED);
        assertThat(second.status()).as("not folded into the first as a repeat").isEqualTo(Status.DELIVERED);
        List<String> keys = api.alerts().stream().map(b -> b.path("dedup_key").asText()).toList();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates().allMatch(k -> !k.matches("_+") && k.length() <= 255);
        assertThat(keys).containsExactly(DedupKeys.sanitize("ошибка"), DedupKeys.sanitize("авария"));
    }

    @Test
    void longNonAsciiDedupKeysStayDistinctAndFit() {
        String a = "ключ".repeat(100) + "а";
        String b = "ключ".repeat(100) + "б";
        assertThat(DedupKeys.sanitize(a)).isNotEqualTo(DedupKeys.sanitize(b)).hasSizeLessThanOrEqualTo(255)
                .isEqualTo(DedupKeys.sanitize(new String(a.toCharArray())));
        assertThat(DedupKeys.sanitize("\uD800x")).isNotEqualTo(DedupKeys.sanitize("\uDC00x"));
    }

    @Test
    void malformedLinkUrlsAreNotSent() throws Exception {
        JsonNode body = delivered(Alert.trigger("links")
                .link("https://exa mple.com", "space").link(" https://example.com/lead", "leading space")
                .link("https://", "bare").link("https://example.com/a\u0000b", "nul").link("http://", "bare http")
                .link("https://runbooks.example.com/ok", "good")
                .image("https://exa mple.com/a.png", null, "space").image("https://", null, "bare")
                .image("https://img.example.com/ok.png", "https://exa mple.com", "good").build());
        assertThat(body.path("links")).hasSize(1);
        assertThat(body.path("links").get(0).path("text").asText()).isEqualTo("good");
        assertThat(body.path("images")).hasSize(1);
        assertThat(body.path("images").get(0).path("alt").asText()).isEqualTo("good");
        assertThat(body.path("images").get(0).has("href")).as("a malformed click target is left out").isFalse();
        for (JsonNode url : body.findValues("href")) {
            URI uri = URI.create(url.asText());
            assertThat(uri.getScheme()).isIn("http", "https");
            assertThat(uri.getHost()).isNotBlank();
        }
    }

    @Test
    void nullLinkHrefDoesNotThrow() throws Exception {
        assertThatCode(() -> new Link(null, "x")).doesNotThrowAnyException();
        assertThatCode(() -> new Image(null, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> ChangeEvent.of(null)).doesNotThrowAnyException();
        JsonNode body = delivered(Alert.trigger("null link").link(null, "x").image(null, null, null)
                .link("https://runbooks.example.com/ok", "good").build());
        assertThat(body.path("links")).hasSize(1);
        assertThat(body.has("images")).isFalse();
        assertThat(outcome(api.client().change(ChangeEvent.of(null))).status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void unrenderableDetailDegradesTheFieldNotThePage() throws Exception {
        JsonNode body = delivered(Alert.trigger("order stuck").detail("count", 3)
                .detail("order", new HostileDetails.Rendering(() -> {
                    throw new IllegalStateException("could not initialize proxy - no Session");
                }))
                .detail("orders", new HostileDetails.IterationThrows())
                .detail("amount", new HostileDetails.TreacherousNumber(false)).build());
        JsonNode details = body.path("payload").path("custom_details");
        assertThat(details.path("count").asInt()).isEqualTo(3);
        assertThat(details.path("order").asText()).contains("Rendering").hasSizeLessThan(300);
        assertThat(details.path("orders").asText()).contains("IterationThrows").hasSizeLessThan(300);
        assertThat(details.path("amount").asText()).contains("TreacherousNumber").hasSizeLessThan(300);
    }

    @Test
    void exceptionWhoseAccessorsThrowIsDescribedFromWhatCanBeRead() throws Exception {
        for (HostileThrowables.Behaviour b : HostileThrowables.Behaviour.values()) {
            Tocsin tocsin = api.client();
            DeliveryResult result = outcomeOf(b, tocsin.trigger(Alert.trigger("failure " + b).dedupKey("b-" + b)
                    .build(), new HostileThrowables.Misbehaving(b)));
            assertThat(result.status()).as("%s: %s", b, result.detail()).isEqualTo(Status.DELIVERED);
            JsonNode details = api.alerts().get(api.alerts().size() - 1).path("payload").path("custom_details");
            assertThat(details.path("exception").asText()).as("%s", b).contains("Misbehaving");
        }
    }

    private static DeliveryResult outcomeOf(Object what, CompletionStage<DeliveryResult> stage) throws Exception {
        try {
            return outcome(stage);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage());
        }
    }

    @Test
    void linkTextAndImageAltAreScrubbed() throws Exception {
        JsonNode body = delivered(Alert.trigger("scrub")
                .link("https://runbooks.example.com/a", "log in with password=hunter2")
                .image("https://img.example.com/a.png", null, "token=hunter2").build());
        assertThat(body.toString()).doesNotContain("hunter2");
        assertThat(body.path("links")).hasSize(1);
        assertThat(body.path("images")).hasSize(1);
    }

    @Test
    void everyOutgoingFieldIsScrubbed() throws Exception {
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger(Alert.trigger("scrub").source("host password=hunter2")
                .component("db password=hunter2").group("pwd=hunter2").type("api_key=hunter2")
                .detail("conn password=hunter2", "x").details(Map.of("nested", Map.of("token=hunter2", 1)))
                .link("https://admin:hunter2@db.example.com/", "console").build())).status())
                .isEqualTo(Status.DELIVERED);
        assertThat(outcome(tocsin.change(new ChangeEvent("deploy", "host password=hunter2", null,
                Map.of("secret=hunter2", "v"), List.of(new Link("https://example.com/d", "token=hunter2")))))
                .status()).isEqualTo(Status.DELIVERED);
        api.requests().forEach(e -> assertThat(e.bodyText()).doesNotContain("hunter2"));
    }

    @Test
    void secretLookingDedupKeyIsHashed() throws Exception {
        Tocsin tocsin = api.client();
        String key = "db password=hunter2";
        DeliveryResult trigger = outcome(tocsin.trigger(Alert.trigger("db login failed").dedupKey(key).build()));
        DeliveryResult resolve = outcome(tocsin.resolve(key));
        assertThat(trigger.status()).isEqualTo(Status.DELIVERED);
        assertThat(resolve.status()).isEqualTo(Status.DELIVERED);
        List<String> keys = api.alerts().stream().map(b -> b.path("dedup_key").asText()).toList();
        assertThat(keys).hasSize(2).allMatch(k -> !k.contains("hunter2"));
        assertThat(keys.get(0)).as("the same key always maps to the same wire key").isEqualTo(keys.get(1));
        assertThat(DedupKeys.sanitize(key)).isEqualTo(keys.get(0));
    }

    @Test
    void dedupKeysAreNotAlteredByScrubbing() throws Exception {
        JsonNode body = delivered(Alert.trigger("rotation").dedupKey("refresh-token-job-failed").build());
        assertThat(body.path("dedup_key").asText()).isEqualTo("refresh-token-job-failed");
    }
}
