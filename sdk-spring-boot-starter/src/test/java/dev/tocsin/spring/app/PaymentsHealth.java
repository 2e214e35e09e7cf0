package dev.tocsin.spring.app;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link OrdersApplication}'s payments component, in this Spring Boot line's health API. */
@Configuration(proxyBeanMethods = false)
class PaymentsHealth {
    @Bean
    HealthIndicator paymentsHealthIndicator() {
        return () -> Health.status(OrdersApplication.PAYMENTS.get()).withDetails(Map.of(
                "url", OrdersApplication.PAYMENTS_URL, "password", "hunter2", "pool", 10)).build();
    }
}
