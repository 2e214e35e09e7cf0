package dev.tocsin.examples.spring;

import dev.tocsin.examples.LocalEventsApi;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot starter in a small application: one property switches Tocsin on; then a logged error pages,
 * a health component that stays DOWN pages and resolves when it is UP again, and a deploy marker announces the
 * start. Without {@code TOCSIN_ROUTING_KEY} it runs against {@link LocalEventsApi} on 127.0.0.1.
 */
@SpringBootApplication
public class SpringExample {
    /** An application logger: events from dev.tocsin loggers never page (the SDK's recursion guard). */
    private static final Logger LOG = LoggerFactory.getLogger("com.example.inventory.Reservations");
    static final AtomicReference<Status> INVENTORY = new AtomicReference<>(Status.UP);

    @Bean
    HealthIndicator inventoryHealthIndicator() {
        return () -> Health.status(INVENTORY.get()).withDetail("warehouse", "eu-1").build();
    }

    public static void main(String[] args) throws Exception {
        String key = System.getenv("TOCSIN_ROUTING_KEY");
        LocalEventsApi local = null;
        SpringApplication app = new SpringApplication(SpringExample.class);
        if (key == null || key.isBlank()) {
            local = LocalEventsApi.start(line -> System.out.println("  [local Events API] " + line));
            System.setProperty("tocsin.pagerduty.routing-key", "LocalExampleKey00000000000000000");
            System.setProperty("tocsin.pagerduty.endpoint", local.enqueueUrl());
        } else {
            System.setProperty("tocsin.pagerduty.routing-key", key);
        }
        System.setProperty("spring.application.name", "inventory-service");
        System.setProperty("tocsin.health.interval", "200ms");
        System.setProperty("tocsin.health.down-checks", "2");
        System.setProperty("tocsin.health.up-checks", "2");
        try (ConfigurableApplicationContext context = app.run(args)) {
            LOG.error("Reservation {} failed", 7, new IllegalStateException("stock service timed out"));
            System.out.println("inventory health goes DOWN...");
            INVENTORY.set(Status.DOWN);
            Thread.sleep(Duration.ofSeconds(2).toMillis()); // a few health evaluations
            System.out.println("inventory health is UP again...");
            INVENTORY.set(Status.UP);
            Thread.sleep(Duration.ofSeconds(2).toMillis());
        } finally {
            if (local != null) {
                System.out.println("The local Events API received " + local.received().size() + " events; "
                        + "incident health:inventory-service:inventory is "
                        + local.incident("health:inventory-service:inventory") + ".");
                local.close();
            }
        }
    }
}
