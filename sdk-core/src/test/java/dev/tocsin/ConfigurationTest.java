package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad configuration fails at build() with a message that names the setting and never shows the key. */
class ConfigurationTest {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123ZZ";

    @ParameterizedTest
    @ValueSource(strings = {"short", "abcdefghijklmnopqrstuvwxyz0123456", "abcdefghijklmnopqrstuvwxyz01-3ZZ",
        "secretsecretsecretsecretsecret!!"})
    void aRoutingKeyThatIsNot32AlphanumericsIsRefusedWithoutBeingPrinted(String key) {
        assertThatThrownBy(() -> PagerDutyDestination.of(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pagerduty.routingKey")
                .hasMessageNotContaining(key)
                .hasMessageNotContaining(key.substring(0, 4));
    }

    @Test
    void aMissingRoutingKeyIsNamed() {
        assertThatThrownBy(() -> PagerDutyDestination.builder().build())
                .hasMessageContaining("pagerduty.routingKey").hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://events.example.com/v2/enqueue", "http://10.0.0.8/v2/enqueue"})
    void plainHttpToANonLoopbackHostIsRefused(String url) {
        assertThatThrownBy(() -> PagerDutyDestination.builder().routingKey(KEY).endpoint(url).build())
                .hasMessageContaining("pagerduty.endpoint").hasMessageContaining("https")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void plainHttpIsAllowedWhenAskedFor() {
        assertThat(PagerDutyDestination.builder().routingKey(KEY).endpoint("http://proxy.internal/v2/enqueue")
                .allowInsecureHttp(true).build()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/v2/enqueue", "http://localhost/v2/enqueue",
        "http://[::1]:9/v2/enqueue", "https://events.eu.pagerduty.com/v2/enqueue"})
    void loopbackAndHttpsEndpointsAreAccepted(String url) {
        assertThat(PagerDutyDestination.builder().routingKey(KEY).endpoint(url).build()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://example.com/x", "/v2/enqueue", "https:///nohost", ""})
    void malformedEndpointsAreRefused(String url) {
        assertThatThrownBy(() -> PagerDutyDestination.builder().routingKey(KEY).endpoint(url).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pagerduty.endpoint");
    }

    @Test
    void aClientNeedsADestination() {
        assertThatThrownBy(() -> Tocsin.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("destination");
    }

    @Test
    void nonPositiveSettingsAreNamed() {
        PagerDutyDestination pd = PagerDutyDestination.of(KEY);
        assertThatThrownBy(() -> Tocsin.builder().destination(pd).queueCapacity(0).build())
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> Tocsin.builder().destination(pd).requestTimeout(Duration.ZERO).build())
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> Tocsin.builder().destination(pd).backoff(Duration.ofSeconds(5),
                Duration.ofSeconds(1)).build()).hasMessageContaining("backoff.max");
        assertThatThrownBy(() -> Tocsin.builder().destination(pd).rateLimit(0, Duration.ofSeconds(1)).build())
                .hasMessageContaining("rateLimit.permits");
    }

    @Test
    void theKeyShowsOnlyItsLastFourCharacters() {
        PagerDutyDestination pd = PagerDutyDestination.of(KEY);
        assertThat(pd.toString()).doesNotContain(KEY).contains("…23ZZ");
        assertThat(pd.name()).isEqualTo("pagerduty(…23ZZ)");
        try (Tocsin tocsin = Tocsin.builder().destination(pd).build()) {
            assertThat(tocsin.toString()).doesNotContain(KEY).contains("…23ZZ");
        }
    }
}
