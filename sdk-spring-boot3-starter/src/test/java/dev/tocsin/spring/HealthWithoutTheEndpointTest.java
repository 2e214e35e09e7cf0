package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.testing.RecordingTocsin;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot 3.5 makes its registry of health contributors with the health endpoint; with that endpoint turned off
 * (or exposed nowhere) health alerting reads the contributor beans itself and pages as with the registry, as on
 * Spring Boot 4, whose registry does not depend on the endpoint.
 */
class HealthWithoutTheEndpointTest {
    private static final AtomicReference<Status> DB = new AtomicReference<>(Status.UP);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.withHealth())
            .withUserConfiguration(Application.class)
            .withPropertyValues("tocsin.pagerduty.routing-key=SpringStarterTestKey000000000abc",
                    "tocsin.logback.enabled=false", "tocsin.health.down-checks=2", "tocsin.health.up-checks=1",
                    "spring.application.name=orders");

    @Configuration(proxyBeanMethods = false)
    static class Application {
        @Bean
        RecordingTocsin tocsin() {
            return new RecordingTocsin();
        }

        @Bean
        HealthIndicator dbHealthIndicator() {
            return () -> Health.status(DB.get()).build();
        }
    }

    @Test
    void withTheEndpointOffAComponentThatStaysDownStillPagesAndResolves() {
        for (String off : new String[] {"management.endpoint.health.access=NONE",
                "management.endpoints.access.default=NONE", "management.endpoints.web.exposure.exclude=health"}) {
            DB.set(Status.UP);
            runner.withPropertyValues(off, "management.endpoints.jmx.exposure.exclude=health").run(ctx -> {
                assertThat(ctx).as(off).hasNotFailed();
                assertThat(ctx).as(off).doesNotHaveBean(HealthContributorRegistry.class);
                assertThat(ctx).as(off).hasSingleBean(HealthAlerting.class);
                HealthAlerting alerting = ctx.getBean(HealthAlerting.class);
                RecordingTocsin tocsin = ctx.getBean(RecordingTocsin.class);

                DB.set(Status.DOWN);
                alerting.evaluate();
                alerting.evaluate();
                DB.set(Status.UP);
                alerting.evaluate();

                assertThat(tocsin.events()).as(off)
                        .containsExactly("trigger health:orders:db", "resolve health:orders:db");
            });
        }
    }

    @Test
    void withTheEndpointTheRegistryIsReadAndThereIsOneHealthAlerting() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(HealthContributorRegistry.class);
            assertThat(ctx).hasSingleBean(HealthAlerting.class);
            assertThat(ctx.getBean(Tocsin.class)).isInstanceOf(RecordingTocsin.class);
        });
    }
}
