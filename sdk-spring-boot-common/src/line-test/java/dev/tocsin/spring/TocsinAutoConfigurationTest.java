package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TocsinAutoConfigurationTest {
    static final String KEY = "SpringStarterTestKey000000000abc";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.withHealth())
            .withPropertyValues("tocsin.logback.enabled=false", "tocsin.pagerduty.endpoint=http://127.0.0.1:9/v2/enqueue",
                    "tocsin.shutdown-timeout=200ms");

    private ApplicationContextRunner configured() {
        return runner.withPropertyValues("tocsin.pagerduty.routing-key=" + KEY);
    }

    @Test
    void nothingWithoutADestination() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(Tocsin.class);
            assertThat(ctx).doesNotHaveBean(HealthAlerting.class);
        });
    }

    @Test
    void nothingWhenDisabled() {
        configured().withPropertyValues("tocsin.enabled=false").run(ctx -> assertThat(ctx).doesNotHaveBean(Tocsin.class));
    }

    @Test
    void aRoutingKeyBringsTheClientAndItsParts() {
        configured().run(ctx -> {
            assertThat(ctx).hasSingleBean(Tocsin.class);
            assertThat(ctx).hasSingleBean(TocsinLifecycle.class);
            assertThat(ctx).hasSingleBean(HealthAlerting.class);
            assertThat(ctx).hasSingleBean(DeployMarker.class);
            assertThat(ctx).hasBean("tocsinHealthIndicator");
            assertThat(ctx).doesNotHaveBean(HeartbeatLifecycle.class);
            assertThat(ctx.getBean(Tocsin.class).toString()).doesNotContain(KEY).contains("…0abc");
        });
    }

    @Test
    void theHeartbeatNeedsAUrl() {
        configured().withPropertyValues("tocsin.heartbeat.url=http://127.0.0.1:9/ping/x")
                .run(ctx -> assertThat(ctx).hasSingleBean(HeartbeatLifecycle.class));
    }

    @Test
    void logbackIsBoundWhenPresentAndLeftAloneWhenNot() {
        configured().withPropertyValues("tocsin.logback.enabled=true")
                .run(ctx -> assertThat(ctx).hasSingleBean(LogbackBinding.class));
        configured().withPropertyValues("tocsin.logback.enabled=true")
                .withClassLoader(new FilteredClassLoader("ch.qos.logback", "dev.tocsin.logback"))
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(Tocsin.class);
                    assertThat(ctx).doesNotHaveBean(LogbackBinding.class);
                });
    }

    @Test
    void withoutActuatorHealthThereIsNoHealthAlerting() {
        configured().withClassLoader(new FilteredClassLoader(BootLine.HEALTH_INDICATOR)).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasSingleBean(Tocsin.class);
            assertThat(ctx).doesNotHaveBean(HealthAlerting.class);
            assertThat(ctx).doesNotHaveBean("tocsinHealthIndicator");
        });
    }

    @Test
    void theTocsinHealthComponentsRecentRestartWindowFollowsTheApplicationsClock() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-04T10:00:00Z"));
        configured().withBean(Clock.class, () -> clock).run(ctx -> {
            assertThat(BootLine.health(ctx, "tocsinHealthIndicator").status()).isEqualTo(ComponentHealth.UP);

            ctx.getBean(TocsinAutoConfiguration.PipelineHealthListener.class).dispatcherRestarted();

            ComponentHealth health = BootLine.health(ctx, "tocsinHealthIndicator");
            assertThat(health.status()).isEqualTo(ComponentHealth.DOWN);
            assertThat(health.details()).containsEntry("lastDispatcherRestart", "2031-05-04T10:00:00Z");
            clock.advance(PipelineReport.RECENT);
            assertThat(BootLine.health(ctx, "tocsinHealthIndicator").status())
                    .as("five minutes later by the application's clock").isEqualTo(ComponentHealth.UP);
        });
    }

    @Test
    void withoutAClockOfTheApplicationsTheHealthComponentUsesTheSystemClockInUtc() {
        configured().run(ctx -> assertThat(ctx.getBean(TocsinAutoConfiguration.PipelineHealthListener.class).clock())
                .isEqualTo(Clock.systemUTC()));
    }

    @Test
    void micrometerMetersWhenARegistryExists() {
        configured().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            ctx.getBean(Tocsin.class).trigger("x", Severity.INFO);
            assertThat(ctx.getBean(MeterRegistry.class).find("tocsin.events").counters()).isNotEmpty();
        });
        configured().withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean("tocsinMetricsCustomizer");
        });
    }

    @Test
    void userBeansAndCustomizersWin() {
        configured().withUserConfiguration(UserClient.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Tocsin.class);
            assertThat(ctx.getBean(Tocsin.class)).isSameAs(Tocsin.noop());
        });
        AtomicBoolean customized = new AtomicBoolean();
        configured().withBean(TocsinCustomizer.class, () -> b -> customized.set(true))
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(Tocsin.class);
                    assertThat(customized).isTrue();
                });
    }

    @Test
    void theContextClosesItsClientNotAJvmShutdownHookOfTheClientsOwn() {
        // Spring Boot's shutdown hook closes the context, which closes the client in order (TocsinLifecycle); a hook
        // of the client's own would run at the same time and could close it before the web server has stopped.
        configured().run(ctx -> {
            Tocsin client = ctx.getBean(Tocsin.class);
            java.lang.reflect.Field engine = client.getClass().getDeclaredField("engine");
            engine.setAccessible(true);
            assertThat(((dev.tocsin.internal.Engine) engine.get(client)).closesOnExit())
                    .as("the client's own JVM shutdown hook").isFalse();
        });
    }

    @Test
    void theClientStopsAfterTheWebServerAndBeforeLogging() {
        // Lifecycles stop from the highest phase down. Spring Boot's web server stops at
        // DEFAULT_PHASE - 2048 (graceful shutdown at DEFAULT_PHASE - 1024), its logging at MIN_VALUE + 1.
        assertThat(TocsinLifecycle.PHASE)
                .isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048)
                .isGreaterThan(Integer.MIN_VALUE + 1);
    }

    @Test
    void closingTheContextSendsWhatIsPending() {
        try (InboxFixture api = new InboxFixture().start()) {
            configured().withPropertyValues("tocsin.pagerduty.endpoint=" + api.endpoint(),
                    "tocsin.shutdown-timeout=5s", "tocsin.deploy.enabled=false").run(ctx -> {
                        Tocsin tocsin = ctx.getBean(Tocsin.class);
                        tocsin.trigger(dev.tocsin.event.Alert.trigger("a").dedupKey("a").build());
                        tocsin.trigger(dev.tocsin.event.Alert.trigger("b").dedupKey("b").build());
                    }); // the context closes here
            assertThat(api.requests()).hasSize(2);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserClient {
        @Bean
        Tocsin myTocsin() {
            return Tocsin.noop();
        }
    }
}
