package dev.tocsin.examples;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.time.Duration;

/**
 * The first program to run: trigger, acknowledge and resolve one incident, and announce a deploy.
 *
 * <p>With no {@code TOCSIN_ROUTING_KEY} in the environment it starts {@link LocalEventsApi} on 127.0.0.1 and
 * prints what that fake received: no account, no network. With the variable set to an Events API v2
 * integration key, it talks to PagerDuty itself; with {@code TOCSIN_PAGERDUTY_ENDPOINT} set as well, it talks to
 * that endpoint instead (any 32 letters and digits make a key a local receiver accepts).
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        String routingKey = System.getenv("TOCSIN_ROUTING_KEY");
        LocalEventsApi local = null;
        PagerDutyDestination destination;
        if (routingKey == null || routingKey.isBlank()) {
            local = LocalEventsApi.start(line -> System.out.println("  [local Events API] " + line));
            System.out.println("No TOCSIN_ROUTING_KEY set: sending to a local fake Events API at " + local.enqueueUrl());
            destination = PagerDutyDestination.builder()
                    .routingKey("LocalExampleKey00000000000000000")
                    .endpoint(local.enqueueUrl())
                    .build();
        } else {
            String endpoint = System.getenv("TOCSIN_PAGERDUTY_ENDPOINT");
            PagerDutyDestination.Builder builder = PagerDutyDestination.builder().routingKey(routingKey);
            if (endpoint != null && !endpoint.isBlank()) {
                builder.endpoint(endpoint);
            }
            destination = builder.build();
            System.out.println("Sending to " + (endpoint == null || endpoint.isBlank() ? "PagerDuty" : endpoint)
                    + " with the routing key from TOCSIN_ROUTING_KEY");
        }

        try (Tocsin tocsin = Tocsin.builder().destination(destination).source("quickstart-host").build()) {
            DeliveryResult triggered = tocsin.trigger(Alert.trigger("Checkout is failing: payment gateway timeouts")
                    .severity(Severity.CRITICAL)
                    .component("checkout")
                    .detail("error_rate", "37%")
                    .link("https://runbooks.example.com/checkout", "Runbook")
                    .build()).toCompletableFuture().get();
            System.out.println("trigger     -> " + triggered);
            String key = triggered.dedupKey();

            System.out.println("acknowledge -> " + tocsin.acknowledge(key).toCompletableFuture().get());
            System.out.println("resolve     -> " + tocsin.resolve(key).toCompletableFuture().get());
            System.out.println("change      -> " + tocsin.change(ChangeEvent.of("Deployed checkout 1.4.2"))
                    .toCompletableFuture().get());
            tocsin.flush(Duration.ofSeconds(5));
            System.out.println("stats: " + tocsin.stats());
            if (local != null) {
                System.out.println("The local Events API received " + local.received().size()
                        + " events; the incident " + key + " is " + local.incident(key) + ".");
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
