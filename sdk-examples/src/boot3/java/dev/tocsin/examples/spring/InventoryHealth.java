package dev.tocsin.examples.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The example's inventory health component on Spring Boot 3.5, whose health API is in
 * {@code org.springframework.boot.actuate.health} (the module {@code spring-boot-actuator}). The default, Spring
 * Boot 4 build of the example has the same class over Spring Boot 4's API.
 */
@Configuration(proxyBeanMethods = false)
class InventoryHealth {
    @Bean
    HealthIndicator inventoryHealthIndicator() {
        return () -> Health.status(SpringExample.INVENTORY.get()).withDetail("warehouse", "eu-1").build();
    }
}
