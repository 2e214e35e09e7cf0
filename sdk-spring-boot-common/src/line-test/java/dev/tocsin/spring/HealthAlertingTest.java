package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.RecordingTocsin;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Paging for health components that stay down, read through the line's {@code ContributorReader} over a registry of
 * the line's own contributors ({@link BootLine#reader}).
 */
class HealthAlertingTest {
    private final AtomicReference<String> db = new AtomicReference<>(ComponentHealth.UP);
    private final RecordingTocsin tocsin = new RecordingTocsin();

    private static Supplier<ComponentHealth> status(AtomicReference<String> code) {
        return () -> new ComponentHealth(code.get(), Map.of());
    }

    private HealthAlerting alerting(int down, int up) {
        return alerting(down, up, Map.of("db", status(db)), List.of(), List.of());
    }

    private HealthAlerting alerting(int down, int up, Map<String, ?> registry, List<String> include,
            List<String> exclude) {
        TocsinProperties.Health settings = new TocsinProperties.Health();
        settings.setDownChecks(down);
        settings.setUpChecks(up);
        settings.setInclude(include);
        settings.setExclude(exclude);
        return new HealthAlerting(tocsin, BootLine.reader(registry), settings, "orders");
    }

    @Test
    void aFlappingComponentNeverPages() {
        HealthAlerting alerting = alerting(3, 2);
        for (int i = 0; i < 20; i++) {
            db.set(i % 3 == 2 ? ComponentHealth.UP : ComponentHealth.DOWN); // down, down, up, down, down, up...
            alerting.evaluate();
        }
        assertThat(tocsin.events()).isEmpty();
    }

    @Test
    void downForNChecksPagesOnceAndUpForMChecksResolves() {
        HealthAlerting alerting = alerting(3, 2);
        db.set(ComponentHealth.OUT_OF_SERVICE);
        for (int i = 0; i < 6; i++) {
            alerting.evaluate();
        }
        db.set(ComponentHealth.UP);
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

    @Test
    void membersOfACompositeAreWatchedByPathAndTheTocsinComponentNever() {
        AtomicReference<String> primary = new AtomicReference<>(ComponentHealth.DOWN);
        AtomicReference<String> replica = new AtomicReference<>(ComponentHealth.DOWN);
        AtomicReference<String> pager = new AtomicReference<>(ComponentHealth.DOWN);
        Map<String, Object> registry = new java.util.LinkedHashMap<>();
        registry.put("tocsin", status(pager));
        registry.put("db", Map.of("primary", status(primary), "replica", status(replica)));
        registry.put("disk", status(db));
        HealthAlerting alerting = alerting(1, 1, registry, List.of(), List.of("db/replica"));

        alerting.evaluate();

        assertThat(tocsin.events()).containsExactly("trigger health:orders:db/primary");
    }

    @Test
    void includeNamesTheComponentsWatchedAndOthersAreNotEvenEvaluated() {
        AtomicReference<String> watched = new AtomicReference<>(ComponentHealth.DOWN);
        java.util.concurrent.atomic.AtomicInteger evaluated = new java.util.concurrent.atomic.AtomicInteger();
        Supplier<ComponentHealth> other = () -> {
            evaluated.incrementAndGet();
            return new ComponentHealth(ComponentHealth.DOWN, Map.of());
        };
        HealthAlerting alerting = alerting(1, 1, Map.of("payments", status(watched), "search", other),
                List.of("payments"), List.of());

        alerting.evaluate();

        assertThat(tocsin.events()).containsExactly("trigger health:orders:payments");
        assertThat(evaluated).hasValue(0);
    }

    @Test
    void anIndicatorThatThrowsCountsAsDownAndTheOthersAreStillRead() {
        Supplier<ComponentHealth> broken = () -> {
            throw new IllegalStateException("pool closed");
        };
        HealthAlerting alerting = alerting(2, 1, Map.of("cache", broken, "db", status(db)), List.of(), List.of());

        alerting.evaluate();
        alerting.evaluate();
        db.set(ComponentHealth.DOWN);
        alerting.evaluate();

        assertThat(tocsin.events()).containsExactly("trigger health:orders:cache");
        assertThat(BootLine.reader(Map.of("cache", broken)).read(name -> true).get("cache").details())
                .containsEntry("error", "java.lang.IllegalStateException: pool closed");
    }
}
