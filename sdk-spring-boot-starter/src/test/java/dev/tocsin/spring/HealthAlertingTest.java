package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.TocsinStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

class HealthAlertingTest {
    private final AtomicReference<Status> db = new AtomicReference<>(Status.UP);
    private final Recorder tocsin = new Recorder();

    private HealthAlerting alerting(int down, int up) {
        TocsinProperties.Health settings = new TocsinProperties.Health();
        settings.setDownChecks(down);
        settings.setUpChecks(up);
        HealthIndicator indicator = () -> Health.status(db.get()).build();
        HealthContributors registry = new HealthContributors() {
            @Override
            public HealthContributor getContributor(String name) {
                return name.equals("db") ? indicator : null;
            }

            @Override
            public Stream<Entry> stream() {
                return Stream.of(new Entry("db", indicator));
            }
        };
        return new HealthAlerting(tocsin, registry, settings, "orders");
    }

    @Test
    void aFlappingComponentNeverPages() {
        HealthAlerting alerting = alerting(3, 2);
        for (int i = 0; i < 20; i++) {
            db.set(i % 3 == 2 ? Status.UP : Status.DOWN); // down, down, up, down, down, up...
            alerting.evaluate();
        }
        assertThat(tocsin.events).isEmpty();
    }

    @Test
    void downForNChecksPagesOnceAndUpForMChecksResolves() {
        HealthAlerting alerting = alerting(3, 2);
        db.set(Status.OUT_OF_SERVICE);
        for (int i = 0; i < 6; i++) {
            alerting.evaluate();
        }
        db.set(Status.UP);
        alerting.evaluate();
        assertThat(tocsin.events).containsExactly("trigger health:orders:db");
        alerting.evaluate();
        assertThat(tocsin.events).containsExactly("trigger health:orders:db", "resolve health:orders:db");
    }

    @Test
    void secretsInDetailsAreScrubbed() {
        assertThat(HealthAlerting.scrub(java.util.Map.of("apiKey", "abc", "url", "https://u:p@h/x", "n", 3)))
                .containsEntry("apiKey", "****").containsEntry("url", "https://****@h/x").containsEntry("n", 3);
    }

    /** Records what would be sent. */
    static final class Recorder implements Tocsin {
        final List<String> events = new ArrayList<>();
        /** What an appender offered, in order; any thread. */
        final List<PendingAlert> offered = new java.util.concurrent.CopyOnWriteArrayList<>();
        private static final CompletionStage<DeliveryResult> DONE = CompletableFuture.completedStage(
                new DeliveryResult(DeliveryResult.Status.DELIVERED, null, null));

        @Override
        public CompletionStage<DeliveryResult> trigger(Alert alert) {
            events.add("trigger " + alert.dedupKey());
            return DONE;
        }

        @Override
        public CompletionStage<DeliveryResult> trigger(Alert alert, Throwable error) {
            return trigger(alert);
        }

        @Override
        public CompletionStage<DeliveryResult> trigger(String summary, Severity severity) {
            return DONE;
        }

        @Override
        public CompletionStage<DeliveryResult> trigger(String summary, Throwable error) {
            return DONE;
        }

        @Override
        public CompletionStage<DeliveryResult> acknowledge(String dedupKey) {
            return DONE;
        }

        @Override
        public CompletionStage<DeliveryResult> resolve(String dedupKey) {
            events.add("resolve " + dedupKey);
            return DONE;
        }

        @Override
        public boolean offer(PendingAlert alert) {
            offered.add(alert);
            return true;
        }

        @Override
        public CompletionStage<DeliveryResult> change(ChangeEvent event) {
            return DONE;
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public boolean persist(Duration timeout) {
            return true;
        }

        @Override
        public TocsinStats stats() {
            return Tocsin.noop().stats();
        }

        @Override
        public void close() {
        }
    }
}
