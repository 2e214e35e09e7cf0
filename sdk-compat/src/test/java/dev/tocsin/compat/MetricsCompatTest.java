package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Severity;
import dev.tocsin.micrometer.TocsinMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Micrometer binding registers and counts with the Micrometer on the class path. */
class MetricsCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void deliveriesAndRefusalsAreCountedInTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Tocsin tocsin = receiver.track(receiver.client().listener(new TocsinMetrics(registry)).build());

        tocsin.trigger("first failure", Severity.ERROR);
        tocsin.trigger("second failure", Severity.WARNING);
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        receiver.answer(400);
        tocsin.trigger("refused failure", Severity.ERROR);
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(count(registry, "accepted")).isEqualTo(3);
        assertThat(count(registry, "delivered")).isEqualTo(2);
        assertThat(count(registry, "rejected")).isEqualTo(1);
        assertThat(registry.get("tocsin.delivery.latency").timer().count()).isEqualTo(2);
        assertThat(registry.get("tocsin.queue.depth").gauge().value()).isZero();
        assertThat(registry.get("tocsin.outbox.depth").gauge().value()).isZero();
        assertThat(registry.get("tocsin.internal.errors").counter().count()).isZero();
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get("tocsin.events").tag("outcome", outcome).counter().count();
    }
}
