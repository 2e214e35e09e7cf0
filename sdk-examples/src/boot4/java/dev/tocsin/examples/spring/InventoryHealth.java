package dev.tocsin.examples.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's inventory health component on Spring Boot 4, whose health API is in
 * {@code org.springframework.boot.health.contributor} (the module {@code spring-boot-health}). The Spring Boot 3.5
 * build of the example ({@code -Pboot3}) has the same class over Spring Boot 3.5's API.
 */
@Configuration(proxyBeanMethods = false)
class InventoryHealth {
    @Bean
    HealthIndicator inventoryHealthIndicator() {
        return () -> Health.status(SpringExample.INVENTORY.get()).withDetail("warehouse", "eu-1").build();
    }
}
