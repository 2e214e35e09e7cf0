package dev.tocsin.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Duration second = Duration.ofSeconds(1);

    @Test
    void theCeilingDoublesUpToTheCap() {
        Backoff b = new Backoff(second, Duration.ofSeconds(60), () -> 1.0);
        assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.delay(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theJitterSpansHalfTheCeilingToTheCeiling() {
        assertThat(new Backoff(second, Duration.ofSeconds(60), () -> 0.0).delay(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(new Backoff(second, Duration.ofSeconds(60), () -> 0.5).delay(5)).isEqualTo(Duration.ofSeconds(12));
        Backoff random = new Backoff(second, Duration.ofSeconds(60));
        for (int i = 0; i < 1_000; i++) {
            assertThat(random.delay(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void aLaneThatStaysDownIsProbedNoMoreThanOnceEveryHalfTheCap() {
        Backoff defaults = new Backoff(second, Duration.ofSeconds(4));
        for (int attempt = 3; attempt < 1_000; attempt++) {
            assertThat(defaults.delay(attempt)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }
}
