package dev.tocsin.spring.app;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/** A small application for the starter's full test: one health component the test turns DOWN and UP. */
@SpringBootApplication
public class OrdersApplication {
    public static final AtomicReference<Status> PAYMENTS = new AtomicReference<>(Status.UP);

    @Bean
    HealthIndicator paymentsHealthIndicator() {
        return () -> Health.status(PAYMENTS.get())
                .withDetail("url", "jdbc:postgresql://orders:hunter2@db.internal/payments")
                .withDetail("password", "hunter2")
                .withDetail("pool", 10)
                .build();
    }
}
