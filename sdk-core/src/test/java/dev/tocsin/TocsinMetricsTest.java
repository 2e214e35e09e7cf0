package dev.tocsin;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.micrometer.TocsinMetrics;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TocsinMetricsTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void countersGaugesAndLatencyReachTheRegistryWithoutSecrets() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Tocsin tocsin = api.track(api.builder().listener(new TocsinMetrics(registry)).build());
        tocsin.trigger(Alert.trigger("a").dedupKey("a").build());
        tocsin.trigger(Alert.trigger("a").dedupKey("a").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        api.answer(Answer.status(400));
        tocsin.trigger(Alert.trigger("b").dedupKey("b").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();

        String lane = "pagerduty(…0abc)";
        assertThat(registry.get("tocsin.events").tag("outcome", "accepted").counter().count()).isEqualTo(3);
        assertThat(registry.get("tocsin.events").tag("outcome", "coalesced").counter().count()).isEqualTo(1);
        assertThat(registry.get("tocsin.events").tags("outcome", "delivered", "lane", lane).counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tocsin.events").tags("outcome", "rejected", "lane", lane).counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tocsin.delivery.latency").tag("lane", lane).timer().count()).isEqualTo(1);
        assertThat(registry.get("tocsin.queue.depth").gauge().value()).isZero();
        assertThat(registry.get("tocsin.breakers.open").gauge().value()).isZero();
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().toString()).doesNotContain(ROUTING_KEY);
        }
    }

    @Test
    void internalFailuresAreCountedFromZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Tocsin tocsin = api.track(api.builder().listener(new TocsinMetrics(registry)).build());
        assertThat(registry.get("tocsin.internal.errors").counter().count()).isZero();
        assertThat(registry.get("tocsin.dispatcher.restarts").counter().count()).isZero();

        tocsin.offer(() -> {
            throw new NoSuchMethodError("from an older dependency (test)");
        });
        tocsin.trigger(Alert.trigger("after").dedupKey("after").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(registry.get("tocsin.internal.errors").counter().count()).isEqualTo(1);
        assertThat(tocsin.stats().internalErrors()).isEqualTo(1);
    }
}
