package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.micrometer.TocsinMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Tocsin: on when {@code tocsin.pagerduty.routing-key} has a value, off when it is unset,
 * blank, or a placeholder whose variable is unset ({@code ${TOCSIN_ROUTING_KEY:}} is the recommended form), and off
 * with {@code tocsin.enabled=false} ({@link Activation}). Either way one INFO line says which, and why, and unknown
 * {@code tocsin.*} properties are warned about ({@link StartupReport}). Invalid values fail startup with a
 * report naming the property ({@link TocsinFailureAnalyzer}), before anything is sent.
 *
 * <p>Every bean backs off when the application defines its own; adjust the client with {@link TocsinCustomizer}
 * beans. Logback, actuator health and Micrometer are used only when present.
 *
 * <p>Exit policy: the context's client is built with {@code closeOnExit(false)} and closed by the context, after
 * the web server and before logging ({@link TocsinLifecycle}), when Spring Boot's shutdown hook closes the context
 * (with {@code spring.main.register-shutdown-hook=false}, close the context yourself). The client made before the
 * context ({@link EarlyState}) keeps its own JVM shutdown hook until it hands over.
 *
 * <p>This class is the same on every Spring Boot line; each line's starter adds its {@code TocsinHealthAutoConfiguration}
 * (the {@code tocsin} health component and health alerting, over that line's health API) and lists both in its
 * {@code AutoConfiguration.imports}.
 */
// after the meter registry: Spring Boot 4's names, then Spring Boot 3.5's (a name that is not there is passed over)
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
public class TocsinAutoConfiguration {

    static String application(Environment env) {
        return Binder.get(env).bind("spring.application.name", String.class).orElse("application");
    }

    /** Whether on or off: the startup line when off, and warnings about unknown properties. */
    @Bean
    static StartupReport.Check tocsinStartupCheck(Environment env) {
        return new StartupReport.Check(env);
    }

    /** The client and everything that uses it, when Tocsin is on. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnTocsinCondition.class)
    @EnableConfigurationProperties(TocsinProperties.class)
    static class ClientConfiguration {

        /**
         * With {@code spring.main.lazy-initialization}, these would not be made at all: they work by being made
         * (the client takes over from the early one, the appender and handler are put in place, the line is logged).
         */
        @Bean
        static LazyInitializationExcludeFilter tocsinEagerBeans() {
            return LazyInitializationExcludeFilter.forBeanTypes(Tocsin.class, TocsinLifecycle.class,
                    LogbackBinding.class, UncaughtBinding.class, StartupReport.On.class);
        }

        /** With the application's {@link Clock} bean if it has one, else the system clock in UTC. */
        @Bean
        @ConditionalOnMissingBean
        PipelineHealthListener tocsinPipelineHealth(ObjectProvider<Clock> clock) {
            return new PipelineHealthListener(clock.getIfUnique(Clock::systemUTC));
        }

        /**
         * The context's client; the one made before the context, if there is one, hands over to it
         * ({@link EarlyState#clientFor}).
         */
        @Bean
        @ConditionalOnMissingBean
        public Tocsin tocsin(TocsinProperties properties, ObjectProvider<TocsinCustomizer> customizers,
                PipelineHealthListener pipeline, ObjectProvider<EarlyState> early) {
            Supplier<Tocsin> open = () -> TocsinFactory.build(properties, customizers.orderedStream().toList(),
                    List.of(pipeline), false);
            EarlyState state = early.getIfAvailable();
            return state != null ? state.clientFor(open) : open.get();
        }

        @Bean
        @ConditionalOnMissingBean
        TocsinLifecycle tocsinLifecycle(Tocsin tocsin) {
            return new TocsinLifecycle(tocsin);
        }

        @Bean
        StartupReport.On tocsinStartupLine(Tocsin tocsin, TocsinProperties properties,
                ObjectProvider<LogbackBinding> logback, ObjectProvider<UncaughtBinding> uncaught,
                ObjectProvider<HealthAlerting> health, ObjectProvider<HeartbeatLifecycle> heartbeat,
                ObjectProvider<DeployMarker> deploy) {
            return new StartupReport.On(tocsin, properties, logback, uncaught, health, heartbeat, deploy);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "tocsin.deploy.enabled", matchIfMissing = true)
        DeployMarker tocsinDeployMarker(Tocsin tocsin, Environment env, ObjectProvider<BuildProperties> build,
                ObjectProvider<GitProperties> git) {
            return new DeployMarker(tocsin, application(env), build, git);
        }

        /**
         * The uncaught-exception handler: the one installed before the context, moved over to the client
         * ({@link EarlyState#uncaughtFor}), else a new one.
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "tocsin.uncaught-exceptions.enabled", matchIfMissing = true)
        UncaughtBinding tocsinUncaughtExceptions(Tocsin tocsin, ObjectProvider<EarlyState> early) {
            Supplier<UncaughtBinding> install = () -> UncaughtBinding.install(tocsin);
            EarlyState state = early.getIfAvailable();
            return state != null ? state.uncaughtFor(tocsin, install) : install.get();
        }

        @Bean
        @ConditionalOnMissingBean
        @Conditional(OnHeartbeatCondition.class)
        HeartbeatLifecycle tocsinHeartbeat(TocsinProperties properties) {
            PropertyChecks.check(properties); // a bad URL fails startup here, not after "Started"
            return new HeartbeatLifecycle(properties.getHeartbeat());
        }

        /** The paging appender on Logback's root logger, when Logback and tocsin-logback are present. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = {"ch.qos.logback.classic.LoggerContext", "dev.tocsin.logback.TocsinAppender"})
        @ConditionalOnBooleanProperty(name = "tocsin.logback.enabled", matchIfMissing = true)
        static class LogbackConfiguration {
            /**
             * The appender attached before the context, moved over to the client ({@link EarlyState#logbackFor}),
             * else a new one.
             */
            @Bean
            @ConditionalOnMissingBean
            LogbackBinding tocsinLogbackBinding(Tocsin tocsin, TocsinProperties properties,
                    ObjectProvider<EarlyState> early) {
                Supplier<LogbackBinding> attach = () -> LogbackBinding.attach(tocsin, properties);
                EarlyState state = early.getIfAvailable();
                return state != null ? state.logbackFor(tocsin, attach) : attach.get();
            }
        }

        /**
         * The test page and the maintenance windows as actuator endpoints, each off unless the application grants
         * access to it.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
        static class EndpointConfiguration {
            @Bean
            @ConditionalOnMissingBean
            TestPageEndpoint tocsinTestPageEndpoint(TocsinProperties properties) {
                return new TestPageEndpoint(properties);
            }

            @Bean
            @ConditionalOnMissingBean
            MaintenanceEndpoint tocsinMaintenanceEndpoint(Tocsin tocsin) {
                return new MaintenanceEndpoint(tocsin);
            }
        }

        /** Micrometer meters in the application's registry. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterRegistry.class)
        static class MetricsConfiguration {
            @Bean
            TocsinCustomizer tocsinMetricsCustomizer(ObjectProvider<MeterRegistry> registry) {
                return builder -> {
                    MeterRegistry r = registry.getIfAvailable();
                    if (r != null) {
                        builder.listener(new TocsinMetrics(r));
                    }
                };
            }
        }
    }

    /**
     * Hears dead letters, internal errors, restarts and rule errors for the pipeline's health ({@link PipelineReport});
     * the indicator is made only where actuator health exists, by the line's {@code TocsinHealthAutoConfiguration}.
     * It is made whenever Tocsin is on, so it must not name a type of the optional health API (as a method's return
     * type did, failing startup with a {@code NoClassDefFoundError} in applications without it).
     */
    static final class PipelineHealthListener implements dev.tocsin.spi.TocsinListener {
        private final Clock clock;
        private volatile java.util.function.Supplier<dev.tocsin.spi.TocsinStats> stats;
        private volatile java.time.Instant lastDeadLetter;
        private volatile java.time.Instant lastInternalError;
        private volatile java.time.Instant lastRestart;
        private volatile java.time.Instant lastRuleError;

        /** @param clock what it stamps events with, and what its indicator measures "recent" by */
        PipelineHealthListener(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
        }

        Clock clock() {
            return clock;
        }

        @Override
        public void started(java.util.function.Supplier<dev.tocsin.spi.TocsinStats> started) {
            this.stats = started;
        }

        @Override
        public void deadLettered(String lane) {
            lastDeadLetter = clock.instant();
        }

        @Override
        public void internalError() {
            lastInternalError = clock.instant();
        }

        @Override
        public void dispatcherRestarted() {
            lastRestart = clock.instant();
        }

        @Override
        public void ruleFailed() {
            lastRuleError = clock.instant();
        }

        java.time.Instant lastRuleError() {
            return lastRuleError;
        }

        java.time.Instant lastInternalError() {
            return lastInternalError;
        }

        java.time.Instant lastRestart() {
            return lastRestart;
        }

        /** The client's stats, or {@code null} before it started. */
        java.util.function.Supplier<dev.tocsin.spi.TocsinStats> stats() {
            return stats;
        }

        java.time.Instant lastDeadLetter() {
            return lastDeadLetter;
        }
    }
}
