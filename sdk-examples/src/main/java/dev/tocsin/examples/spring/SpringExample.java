package dev.tocsin.examples.spring;

import dev.tocsin.examples.ExampleInbox;
import dev.tocsin.testkit.IncidentInbox;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot starter in a small application: one property switches Tocsin on; then a deploy marker announces
 * the start, a heartbeat pings, a logged error pages, and a health component that stays DOWN pages and resolves when
 * it is UP again. Without {@code TOCSIN_ROUTING_KEY} it runs against the incident inbox on 127.0.0.1.
 *
 * <p>The same program runs on Spring Boot 4 (the default build, with {@code tocsin-spring-boot-starter}) and on
 * Spring Boot 3.5 ({@code -Pboot3}, with {@code tocsin-spring-boot3-starter}): only its health component,
 * {@code InventoryHealth}, is written against each line's health API.
 */
@SpringBootApplication
public class SpringExample {
    /** An application logger: events from dev.tocsin loggers never page (the SDK's recursion guard). */
    private static final Logger LOG = LoggerFactory.getLogger("com.example.inventory.Reservations");
    /** The inventory health component's status code, which {@code InventoryHealth} reports in its line's API. */
    static final AtomicReference<String> INVENTORY = new AtomicReference<>("UP");
    private static final String HEALTH_KEY = "health:inventory-service:inventory";
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        IncidentInbox inbox = ExampleInbox.toPagerDuty() ? null : ExampleInbox.start();
        SpringApplication app = new SpringApplication(SpringExample.class);
        if (inbox != null) {
            System.setProperty("tocsin.pagerduty.routing-key", IncidentInbox.ROUTING_KEY);
            System.setProperty("tocsin.pagerduty.endpoint", inbox.eventsUrl());
            System.setProperty("tocsin.heartbeat.url", inbox.heartbeatUrl("inventory-service"));
            System.setProperty("tocsin.heartbeat.interval", "1s");
        } else {
            System.setProperty("tocsin.pagerduty.routing-key", System.getenv("TOCSIN_ROUTING_KEY"));
        }
        System.setProperty("spring.application.name", "inventory-service");
        System.setProperty("tocsin.health.interval", "200ms");
        System.setProperty("tocsin.health.down-checks", "2");
        System.setProperty("tocsin.health.up-checks", "2");
        try (ConfigurableApplicationContext context = app.run(args)) {
            LOG.error("Reservation {} failed", 7, new IllegalStateException("stock service timed out"));
            System.out.println("inventory health goes DOWN...");
            INVENTORY.set("DOWN");
            if (inbox == null) {
                Thread.sleep(Duration.ofSeconds(2).toMillis()); // a few health evaluations, against PagerDuty
                INVENTORY.set("UP");
                Thread.sleep(Duration.ofSeconds(2).toMillis());
                return;
            }
            inbox.awaitIncident(HEALTH_KEY, WAIT);
            System.out.println("incident " + HEALTH_KEY + " is open; inventory health is UP again...");
            INVENTORY.set("UP");
            inbox.await("the health incident to resolve",
                    i -> i.incident(HEALTH_KEY).map(x -> !x.open()).orElse(false), WAIT);
            inbox.await("a heartbeat", i -> !i.pings("inventory-service").isEmpty(), WAIT);
        }
        System.out.println("The inbox received " + inbox.requests().size() + " requests ("
                + inbox.pings("inventory-service").size() + " heartbeat pings, " + inbox.changes().size()
                + " deploy marker); incident " + HEALTH_KEY + " is resolved.");
        ExampleInbox.stayOpenThenClose(inbox);
    }
}
