package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tocsin.micrometer.TocsinMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The build-time check reads this run's versions (the ones the pom says, passed in as {@code tocsin.expected.*})
 * from the jars themselves, and lets them through.
 */
class VersionCheckCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void theVersionsOfThisRunAreReadFromTheirJars() {
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .isEqualTo(expected("jackson"));
        assertThat(LibraryVersion.of(com.fasterxml.jackson.databind.ObjectMapper.class, "jackson"))
                .startsWith(expected("jackson"));
        assertThat(LibraryVersion.of(CircuitBreaker.class, "resilience4j")).isEqualTo(expected("resilience4j"));
        assertThat(LibraryVersion.of(RateLimiter.class, "resilience4j")).isEqualTo(expected("resilience4j"));
        assertThat(LibraryVersion.of(LoggerFactory.class, "slf4j")).isEqualTo(expected("slf4j"));
        assertThat(LibraryVersion.of(MeterRegistry.class, "micrometer")).isEqualTo(expected("micrometer"));
    }

    @Test
    void aClientWithTheMicrometerBindingBuildsOnThem() {
        assertThatCode(() -> receiver.track(receiver.client().listener(new TocsinMetrics(new SimpleMeterRegistry()))
                .build())).doesNotThrowAnyException();
    }

    static String expected(String library) {
        String version = System.getProperty("tocsin.expected." + library);
        assertThat(version).as("tocsin.expected.%s, set by the pom", library).isNotBlank();
        return version;
    }
}
