package dev.tocsin.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tocsin.event.Alert;
import dev.tocsin.internal.text.Scrubber;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NormalizerScrubbingTest {
    private final Normalizer normalizer = new Normalizer("host-1", Clock.systemUTC());

    @Test
    void longSummaryIsScrubbedWithinItsWindowAndCut() {
        String summary = "a.".repeat(50_000) + " password=hunter2";
        Alert out = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> normalizer.alert(Alert.trigger(summary).dedupKey("k").build(), null));
        assertThat(out.summary()).hasSize(Normalizer.MAX_SUMMARY).endsWith("…");
    }

    @Test
    void exceptionTextWithAKeyBlockCrossingTheCutIsMasked() {
        String key = "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(100)
                + "-----END PRIVATE KEY-----";
        Throwable error = new IllegalStateException("x".repeat(Normalizer.MAX_DETAIL_TEXT - 100) + "\n" + key);
        Alert out = normalizer.alert(Alert.trigger("failed").dedupKey("k").build(), error);
        assertThat((String) out.details().get("exception")).doesNotContain("MIIE").endsWith(Scrubber.KEY_REMOVED);
    }

    @Test
    void detailTextAndSecretNamesAreMasked() {
        Alert out = normalizer.alert(Alert.trigger("DB_PASSWORD=hunter2").dedupKey("k")
                .detail("env", "DB_PASSWORD=hunter2\nHOME=/root").detail("client_secret", "s3cr3t").build(), null);
        assertThat(out.summary()).isEqualTo("DB_PASSWORD=****");
        assertThat(out.details()).containsEntry("env", "DB_PASSWORD=****\nHOME=/root")
                .containsEntry("client_secret", Scrubber.MASK);
    }
}
