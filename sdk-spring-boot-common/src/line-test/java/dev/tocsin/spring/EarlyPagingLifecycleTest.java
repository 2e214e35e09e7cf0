package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import dev.tocsin.Tocsin;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.RecordingTocsin;
import dev.tocsin.testkit.Answer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client made before the context hands over to the context's: one client per spool directory, nothing accepted
 * lost on the way, and nothing of the early set-up left running, with or without Logback.
 */
class EarlyPagingLifecycleTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private void answer(int status) {
        api.answer(Answer.status(status).withBody("{\"status\":\"success\"}"));
    }

    private SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(WarmUpApplication.class)
                .properties("spring.application.name=warm-up", "spring.main.web-application-type=none",
                        "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint(), "tocsin.deploy.enabled=false",
                        "tocsin.health.enabled=false", "tocsin.shutdown-timeout=500ms")
                .properties(properties);
    }

    private static EarlyState early(ConfigurableApplicationContext ctx) {
        return ctx.getBean(EarlyPaging.BEAN, EarlyState.class);
    }

    @Test
    void withASpoolDirectoryTheContextsClientTakesTheDirectoryOverAndReplaysWhatTheEarlyOneHeld(@TempDir Path spool) {
        answer(503); // the page logged during startup cannot leave yet
        try (ConfigurableApplicationContext ctx = app("tocsin.spool.directory=" + spool).run()) {
            assertThat(early(ctx).earlyClosed()).isTrue();
            assertThat(ctx.getBean(Tocsin.class).stats().spoolFailed()).isFalse();
            answer(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.requests().stream().anyMatch(e ->
                    e.status() == 202 && e.bodyText().contains("cache warm-up failed")));
        }
    }

    @Test
    void withoutLogbackTheEarlyClientIsClosedOnceTheContextHasStarted() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (ConfigurableApplicationContext ctx = app("tocsin.logback.enabled=false").run()) {
            EarlyState early = early(ctx);
            assertThat(early.earlyClosed()).isTrue();
            assertThat(EarlyPaging.STATES).doesNotContainValue(early);
            assertThat(ctx.getBean(Tocsin.class).toString()).contains("pagerduty(…0abc)");
        }
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
    }

    @Test
    void withoutTheAutoConfigurationNothingOfTheEarlySetUpIsLeft() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (ConfigurableApplicationContext ctx = app(
                "spring.autoconfigure.exclude=dev.tocsin.spring.TocsinAutoConfiguration").run()) {
            assertThat(early(ctx).earlyClosed()).isTrue();
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT")
                    .getAppender(LogbackBinding.NAME)).isNull();
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
        }
    }

    /**
     * Excluding the auto-configuration leaves an application's own client alone: no health alerting over it, and
     * no failed start for want of Tocsin's properties, with the health endpoint on or off.
     */
    @ParameterizedTest
    @ValueSource(strings = {"management.endpoint.health.access=unrestricted", "management.endpoints.access.default=none"})
    void withoutTheAutoConfigurationAnOwnClientStartsWithoutHealthAlerting(String endpoint) {
        try (ConfigurableApplicationContext ctx = app("spring.autoconfigure.exclude=dev.tocsin.spring.TocsinAutoConfiguration",
                "tocsin.health.enabled=true", endpoint).sources(OwnClient.class).run()) {
            assertThat(ctx.getBean(Tocsin.class)).isInstanceOf(RecordingTocsin.class);
            assertThat(ctx.getBeansOfType(HealthAlerting.class)).isEmpty();
            assertThat(ctx.containsBean("tocsinHealthIndicator")).isFalse();
        }
    }

    @Test
    void withLazyInitializationTheContextsClientStillTakesOverAndLoggedErrorsPage() {
        try (ConfigurableApplicationContext ctx = app("spring.main.lazy-initialization=true").run()) {
            assertThat(early(ctx).earlyClosed()).isTrue();
            LoggerFactory.getLogger("com.example.orders.Checkout").error("checkout failed for order {}", 7,
                    new IllegalStateException("card declined"));
            await().atMost(Duration.ofSeconds(10)).until(() -> api.requests().stream().anyMatch(e ->
                    e.bodyText().contains("checkout failed for order 7")));
        }
    }

    @Test
    void theApplicationsOwnClientTakesOverTheAppenderAndTheHandlerMadeBeforeTheContext() {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        try (ConfigurableApplicationContext ctx = app().sources(OwnClient.class).run()) {
            RecordingTocsin own = ctx.getBean(RecordingTocsin.class);
            assertThat(early(ctx).earlyClosed()).isTrue(); // it had nothing to hand its client over to
            LoggerFactory.getLogger("com.example.orders.Checkout").error("checkout failed for order {}", 8,
                    new IllegalStateException("card declined"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !own.calls(RecordingTocsin.Kind.OFFER).isEmpty());
            Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
            assertThat(handler).isSameAs(ctx.getBean(UncaughtBinding.class).handler());
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT")
                    .getAppender(LogbackBinding.NAME)).isSameAs(ctx.getBean(LogbackBinding.class).appender());
        }
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
        assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT")
                .getAppender(LogbackBinding.NAME)).isNull();
    }

    /** The application's own client, in place of the auto-configured one. */
    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean
        RecordingTocsin ownTocsin() {
            return new RecordingTocsin();
        }
    }

    /** Logs an error while the context starts, before the context's client exists. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WarmUpApplication {
        @Bean
        Object cacheWarmUp() {
            LoggerFactory.getLogger("com.example.cache.WarmUp").error("cache warm-up failed",
                    new IllegalStateException("redis unreachable"));
            return new Object();
        }
    }
}
