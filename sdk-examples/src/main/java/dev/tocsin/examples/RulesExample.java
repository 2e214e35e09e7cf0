package dev.tocsin.examples;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.rules.Rule;
import dev.tocsin.testkit.Incident;
import dev.tocsin.testkit.IncidentInbox;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Client-side event rules against the incident inbox: known noise suppressed, payment failures routed to the payments
 * service's own routing key, a P1 with its runbook, a maintenance window for a deploy, and a flood of distinct failures
 * folded into one summary. Without {@code TOCSIN_ROUTING_KEY} it runs against the inbox on 127.0.0.1; with it, every
 * route goes to that one key.
 */
public final class RulesExample {
    /** The payments service's own integration key, in the inbox. */
    static final String PAYMENTS_KEY = "Payments0Service0Key000000000abc";

    private RulesExample() {
    }

    public static void main(String[] args) throws Exception {
        IncidentInbox inbox = ExampleInbox.toPagerDuty() ? null : ExampleInbox.start();
        String key = inbox == null ? System.getenv("TOCSIN_ROUTING_KEY") : IncidentInbox.ROUTING_KEY;
        PagerDutyDestination.Builder pagerDuty = PagerDutyDestination.builder().routingKey(key);
        if (inbox != null) {
            pagerDuty.endpoint(inbox.eventsUrl());
        }
        PagerDutyDestination main = pagerDuty.build();
        try (Tocsin tocsin = Tocsin.builder()
                .destination(main)
                .destination("payments", main.withRoutingKey(inbox == null ? key : PAYMENTS_KEY))
                .source("checkout-host")
                .rule(Rule.named("flaky-dns")
                        .when("exception == 'java.net.UnknownHostException' and details.env == staging")
                        .suppress().build())
                .rule(Rule.named("payments").when("component == payments").route("payments").stop().build())
                .rule(Rule.named("p1").when("severity == critical and component in (api, database, auth)")
                        .link("https://runbooks.example.com/emergency/{component}", "Emergency runbook")
                        .note("P1: page the incident commander").build())
                .floodThreshold(20, Duration.ofMinutes(1))
                .build()) {
            tocsin.trigger(Alert.trigger("lookup of db.staging failed").detail("env", "staging").build(),
                    new IllegalStateException("pool refill", new UnknownHostException("db.staging")));
            tocsin.trigger(Alert.trigger("card declined by the acquirer").dedupKey("card-declined")
                    .component("payments").build());
            tocsin.trigger(Alert.trigger("primary database down").dedupKey("primary-db").component("database")
                    .severity(Severity.CRITICAL).build());
            MaintenanceWindow deploy = tocsin.maintenance("deploy 1.4.2", Duration.ofMinutes(15),
                    Condition.of("component == checkout"));
            tocsin.trigger(Alert.trigger("checkout 502 during the deploy").component("checkout").build());
            deploy.close();
            for (int i = 0; i < 200; i++) {
                tocsin.trigger(Alert.trigger("order " + i + " failed: inventory unreachable").dedupKey("order-" + i)
                        .build());
            }
            tocsin.flush(Duration.ofSeconds(30));
            System.out.println("Suppressed " + tocsin.stats().suppressed() + " (a staging DNS failure, a trigger in"
                    + " the deploy window); folded " + tocsin.stats().folded() + " of 200 distinct failures into one"
                    + " flood summary.");
            if (inbox != null) {
                Incident payments = inbox.awaitValue("the payments incident", i -> i.incident("card-declined")
                        .orElse(null), Duration.ofSeconds(30));
                System.out.println("card-declined went to the payments service: " + payments.routingKey()
                        .equals(PAYMENTS_KEY));
                Incident p1 = inbox.awaitValue("the P1", i -> i.incident("primary-db").orElse(null),
                        Duration.ofSeconds(30));
                System.out.println("primary-db carries the link " + p1.link("Emergency runbook").orElseThrow().href());
                Incident flood = inbox.awaitValue("the flood summary", i -> i.incidents().stream()
                        .filter(x -> x.dedupKey().startsWith("tocsin-flood:")).findFirst().orElse(null),
                        Duration.ofSeconds(30));
                System.out.println("The flood summary: " + flood.summary());
                System.out.println("The inbox holds " + inbox.incidents().size() + " incidents for 204 triggers.");
            }
        } finally {
            if (inbox != null) {
                ExampleInbox.stayOpenThenClose(inbox);
            }
        }
    }
}
