package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.RecordingTocsin;
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
    private final RecordingTocsin tocsin = new RecordingTocsin();

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
        assertThat(tocsin.events()).isEmpty();
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
        assertThat(tocsin.events()).containsExactly("trigger health:orders:db");
        alerting.evaluate();
        assertThat(tocsin.events()).containsExactly("trigger health:orders:db", "resolve health:orders:db");
    }

    @Test
    void secretsInDetailsAreScrubbed() {
        assertThat(HealthAlerting.scrub(java.util.Map.of("apiKey", "abc", "url", "https://u:p@h/x", "n", 3)))
                .containsEntry("apiKey", "****").containsEntry("url", "https://****@h/x").containsEntry("n", 3);
    }
}
