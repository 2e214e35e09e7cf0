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
    void suppressedFoldedRuleErrorsFloodsAndWindowsAreMetered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Tocsin tocsin = api.track(api.builder().listener(new TocsinMetrics(registry))
                .floodThreshold(2, Duration.ofMinutes(1))
                .rule(dev.tocsin.rules.Rule.named("noise").when("summary contains noise").suppress().build())
                .rule(dev.tocsin.rules.Rule.named("slow").when("summary matches '^(a+)+$'").build())
                .build());
        assertThat(registry.get("tocsin.events.suppressed").tag("reason", "rule").counter().count()).isZero();
        assertThat(registry.get("tocsin.rules.errors").counter().count()).isZero();
        tocsin.trigger(Alert.trigger("noise").dedupKey("n").build());
        tocsin.trigger(Alert.trigger("a".repeat(500) + "!").dedupKey("slow").build());
        var window = tocsin.maintenance("deploy", Duration.ofMinutes(5),
                dev.tocsin.rules.Condition.of("component == checkout"));
        assertThat(registry.get("tocsin.maintenance.active").gauge().value()).isEqualTo(1);
        tocsin.trigger(Alert.trigger("502").component("checkout").dedupKey("c").build());
        for (int i = 0; i < 5; i++) {
            tocsin.trigger(Alert.trigger("distinct " + i).dedupKey("d" + i).build());
        }
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        window.close();

        String lane = "pagerduty(…0abc)";
        assertThat(registry.get("tocsin.events.suppressed").tag("reason", "rule").counter().count()).isEqualTo(1);
        assertThat(registry.get("tocsin.events.suppressed").tag("reason", "maintenance").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("tocsin.rules.errors").counter().count()).isEqualTo(1);
        // "slow" was the first new key, d0 the second; d1 to d4 are folded
        assertThat(registry.get("tocsin.events.folded").tag("lane", lane).counter().count()).isEqualTo(4);
        assertThat(registry.get("tocsin.floods.active").gauge().value()).isEqualTo(1);
        assertThat(tocsin.stats().suppressed()).isEqualTo(2);
        assertThat(tocsin.stats().folded()).isEqualTo(4);
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
