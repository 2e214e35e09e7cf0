package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Spring Boot 4's adapters of Tocsin's health: the pipeline's own health as the {@code tocsin} component
 * ({@link PipelineReport}) and paging for components that stay down ({@link HealthAlerting}), over Spring Boot 4's
 * health API ({@code org.springframework.boot.health}, in {@code spring-boot-health}). Made only where that API is
 * and Tocsin is on; everything else is the shared {@link TocsinAutoConfiguration}.
 * Health alerting also needs {@link TocsinProperties}, which only {@link TocsinAutoConfiguration} registers: with
 * that excluded, an application's own {@link Tocsin} bean gets no health alerting.
 */
@AutoConfiguration(after = TocsinAutoConfiguration.class,
        afterName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@Conditional(OnTocsinCondition.class)
public class TocsinHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tocsinHealthIndicator")
    @ConditionalOnBean(TocsinAutoConfiguration.PipelineHealthListener.class)
    HealthIndicator tocsinHealthIndicator(TocsinAutoConfiguration.PipelineHealthListener pipeline) {
        PipelineReport report = PipelineReport.of(pipeline);
        return () -> {
            ComponentHealth now = report.read();
            return Health.status(now.status()).withDetails(now.details()).build();
        };
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({Tocsin.class, TocsinProperties.class, HealthContributorRegistry.class})
    @ConditionalOnBooleanProperty(name = "tocsin.health.enabled", matchIfMissing = true)
    HealthAlerting tocsinHealthAlerting(Tocsin tocsin, HealthContributorRegistry registry,
            TocsinProperties properties, Environment env) {
        return new HealthAlerting(tocsin, new ContributorReader(registry), properties.getHealth(),
                TocsinAutoConfiguration.application(env));
    }
}
