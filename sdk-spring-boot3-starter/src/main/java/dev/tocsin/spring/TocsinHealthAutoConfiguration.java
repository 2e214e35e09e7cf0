package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorNameFactory;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Spring Boot 3.5's adapters of Tocsin's health: the pipeline's own health as the {@code tocsin} component
 * ({@link PipelineReport}) and paging for components that stay down ({@link HealthAlerting}), over Spring Boot 3.5's
 * health API ({@code org.springframework.boot.actuate.health}, in {@code spring-boot-actuator}). Made only where that
 * API is and Tocsin is on; everything else is the shared {@link TocsinAutoConfiguration}. On Spring Boot 3.5 the
 * registry of health contributors comes with the health endpoint; where that endpoint is turned off or not exposed,
 * health alerting reads the context's {@link HealthContributor} beans itself, named as the registry names them
 * ({@code dbHealthIndicator} is {@code db}), so it pages as it does on Spring Boot 4, whose registry is apart from the
 * endpoint. (Reactive-only contributors are read only through the endpoint's registry.)
 * Health alerting also needs {@link TocsinProperties}, which only {@link TocsinAutoConfiguration} registers: with
 * that excluded, an application's own {@link Tocsin} bean gets no health alerting.
 */
@AutoConfiguration(after = TocsinAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration")
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

    /** Health alerting without the health endpoint: over the contributor beans, as they are at each evaluation. */
    @Bean
    @ConditionalOnMissingBean({HealthAlerting.class, HealthContributorRegistry.class})
    @ConditionalOnBean({Tocsin.class, TocsinProperties.class})
    @ConditionalOnBooleanProperty(name = "tocsin.health.enabled", matchIfMissing = true)
    HealthAlerting tocsinHealthAlertingWithoutEndpoint(Tocsin tocsin, ListableBeanFactory beans,
            TocsinProperties properties, Environment env) {
        return new HealthAlerting(tocsin, new ContributorReader(() -> new DefaultHealthContributorRegistry(
                beans.getBeansOfType(HealthContributor.class), HealthContributorNameFactory.INSTANCE)),
                properties.getHealth(), TocsinAutoConfiguration.application(env));
    }
}
