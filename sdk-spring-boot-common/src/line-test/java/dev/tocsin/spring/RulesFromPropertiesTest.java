package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.rules.Rule;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Incident;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Rules written in application properties do, end to end into the inbox, what they say: suppress, route to a named
 * destination (the rest still pages the main PagerDuty destination), re-rate and enrich.
 */
class RulesFromPropertiesTest {
    /** A second integration key, for the named PagerDuty destination {@code payments}. */
    static final String PAYMENTS_KEY = "PaymentsTeamIntegrationKey000xyz";

    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootLine.tocsin())
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                        "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=2s",
                        "tocsin.pagerduty.routing-key=" + InboxFixture.ROUTING_KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint());
    }

    static DeliveryResult.Status status(java.util.concurrent.CompletionStage<DeliveryResult> sent) throws Exception {
        return sent.toCompletableFuture().get(10, TimeUnit.SECONDS).status();
    }

    private Incident incident(String key) {
        return api.inbox().awaitIncident(key, Duration.ofSeconds(10));
    }

    @Test
    void rulesSuppressRouteReRateAndEnrich() {
        runner().withPropertyValues(
                "tocsin.destinations.payments.type=pagerduty",
                "tocsin.destinations.payments.routing-key=" + PAYMENTS_KEY,
                "tocsin.rules[0].name=quiet-pod-restarts",
                "tocsin.rules[0].when=summary matches 'pod .* restarted'",
                "tocsin.rules[0].suppress=always",
                "tocsin.rules[1].name=payments",
                "tocsin.rules[1].when=summary contains 'payment' or component == 'billing'",
                "tocsin.rules[1].route=payments",
                "tocsin.rules[1].severity=P1",
                "tocsin.rules[1].link=https://runbooks.example.com/{component}",
                "tocsin.rules[1].link-text=Runbook",
                "tocsin.rules[1].note=Owned by the {details.team} team",
                "tocsin.rules[1].drop-details=internal.*").run(ctx -> {
                    Tocsin tocsin = ctx.getBean(Tocsin.class);
                    assertThat(status(tocsin.trigger(Alert.trigger("pod api-7 restarted").dedupKey("pod").build())))
                            .isEqualTo(DeliveryResult.Status.SUPPRESSED);
                    assertThat(status(tocsin.trigger(Alert.trigger("payment gateway timed out").dedupKey("pay")
                            .severity(Severity.WARNING).component("checkout").detail("team", "billing")
                            .detail("internal.trace", "x1").build()))).isEqualTo(DeliveryResult.Status.DELIVERED);
                    assertThat(status(tocsin.trigger(Alert.trigger("disk almost full").dedupKey("disk").build())))
                            .isEqualTo(DeliveryResult.Status.DELIVERED);

                    Incident pay = incident("pay");
                    assertThat(pay.routingKey()).isEqualTo(PAYMENTS_KEY);
                    assertThat(pay.severity()).isEqualTo("critical");
                    assertThat(pay.link("Runbook")).hasValueSatisfying(l ->
                            assertThat(l.href()).isEqualTo("https://runbooks.example.com/checkout"));
                    assertThat(pay.details().path("notes").toString()).contains("Owned by the billing team");
                    assertThat(pay.details().has("internal.trace")).isFalse();
                    assertThat(incident("disk").routingKey()).as("what no rule routes pages the main destination")
                            .isEqualTo(InboxFixture.ROUTING_KEY);
                    assertThat(api.inbox().incident("pod")).isEmpty();
                    assertThat(tocsin.stats().suppressed()).isEqualTo(1);

                    assertThat(status(tocsin.resolve("pay"))).isEqualTo(DeliveryResult.Status.DELIVERED);
                    assertThat(incident("pay").open()).as("the resolve followed its trigger").isFalse();
                    assertThat(api.inbox().incidents()).extracting(Incident::dedupKey)
                            .containsExactlyInAnyOrder("pay", "disk");
                });
    }

    @Test
    void aRuleCanRouteToTheMainDestinationByName() {
        runner().withPropertyValues(
                "tocsin.destinations.payments.type=pagerduty",
                "tocsin.destinations.payments.routing-key=" + PAYMENTS_KEY,
                "tocsin.default-route=payments",
                "tocsin.rules[0].when=severity == critical",
                "tocsin.rules[0].route=pagerduty").run(ctx -> {
                    Tocsin tocsin = ctx.getBean(Tocsin.class);
                    status(tocsin.trigger(Alert.trigger("db down").dedupKey("db").severity(Severity.CRITICAL).build()));
                    status(tocsin.trigger(Alert.trigger("slow").dedupKey("slow").severity(Severity.WARNING).build()));
                    assertThat(incident("db").routingKey()).isEqualTo(InboxFixture.ROUTING_KEY);
                    assertThat(incident("slow").routingKey()).as("tocsin.default-route").isEqualTo(PAYMENTS_KEY);
                });
    }

    @Test
    void withoutRulesEverythingPagesTheMainDestinationAsBefore() {
        runner().run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            assertThat(tocsin.destinationNames()).containsExactly("pagerduty(…0abc)");
            for (Severity s : Severity.values()) {
                String key = "k-" + s;
                assertThat(status(tocsin.trigger(Alert.trigger("x").dedupKey(key).severity(s).build())))
                        .isEqualTo(DeliveryResult.Status.DELIVERED);
                assertThat(incident(key).routingKey()).isEqualTo(InboxFixture.ROUTING_KEY);
            }
            assertThat(api.inbox().requests(dev.tocsin.testkit.Endpoint.EVENTS)).hasSize(Severity.values().length);
        });
    }

    @Test
    void aCustomizerAddsRulesAndDestinationsOfItsOwn() {
        String webhook = api.inbox().webhookUrl("ops");
        runner().withPropertyValues("tocsin.rules[0].name=from-properties", "tocsin.rules[0].when=summary contains 'ops'",
                "tocsin.rules[0].route=ops")
                .withBean(TocsinCustomizer.class, () -> b -> b
                        .destination("ops", dev.tocsin.webhook.WebhookDestination.builder().url(webhook).build())
                        .rule(Rule.named("from-code").when("summary contains 'noise'").suppress().build()))
                .run(ctx -> {
                    Tocsin tocsin = ctx.getBean(Tocsin.class);
                    assertThat(status(tocsin.trigger(Alert.trigger("noise").dedupKey("n").build())))
                            .isEqualTo(DeliveryResult.Status.SUPPRESSED);
                    assertThat(status(tocsin.trigger(Alert.trigger("ops job failed").dedupKey("o").build())))
                            .isEqualTo(DeliveryResult.Status.DELIVERED);
                    assertThat(api.inbox().requests(dev.tocsin.testkit.Endpoint.WEBHOOK)).singleElement()
                            .satisfies(r -> assertThat(r.json().path("dedup_key").asText()).isEqualTo("o"));
                    assertThat(api.inbox().incidents()).isEmpty();
                });
    }

    @Test
    void aDestinationACustomizerAddsWithoutANameIsStillOnTheDefaultRoute() {
        String webhook = api.inbox().webhookUrl("audit");
        runner().withBean(TocsinCustomizer.class, () -> b -> b
                .destination(dev.tocsin.webhook.WebhookDestination.builder().url(webhook).build())).run(ctx -> {
                    Tocsin tocsin = ctx.getBean(Tocsin.class);
                    status(tocsin.trigger(Alert.trigger("x").dedupKey("both").build()));
                    assertThat(incident("both").routingKey()).isEqualTo(InboxFixture.ROUTING_KEY);
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            api.inbox().requests(dev.tocsin.testkit.Endpoint.WEBHOOK).size() == 1);
                });
    }

    @Test
    void blankOptionalValuesMeanNotSet() {
        runner().withPropertyValues("tocsin.flood.threshold=", "tocsin.flood.period=", "tocsin.default-route=",
                "tocsin.rules[0].name=r", "tocsin.rules[0].when=summary contains 'x'", "tocsin.rules[0].severity=",
                "tocsin.rules[0].suppress=", "tocsin.rules[0].route=", "tocsin.rules[0].note=",
                "tocsin.maintenance[0].name=w", "tocsin.maintenance[0].from=02:00", "tocsin.maintenance[0].to=03:00",
                "tocsin.maintenance[0].zone=", "tocsin.maintenance[0].days=", "tocsin.maintenance[0].when=").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx.getBean(Tocsin.class).maintenanceWindows()).singleElement()
                            .satisfies(w -> assertThat(w.condition().toString()).as("every trigger").isEqualTo("true"));
                });
    }

    @Test
    void floodPropertiesReachTheClient() {
        runner().withPropertyValues("tocsin.flood.threshold=2", "tocsin.flood.period=10m").run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            TocsinProperties.Flood flood = ctx.getBean(TocsinProperties.class).getFlood();
            assertThat(flood.getThreshold()).isEqualTo(2);
            assertThat(flood.getPeriod()).isEqualTo(Duration.ofMinutes(10));
            for (int i = 0; i < 5; i++) {
                tocsin.trigger(Alert.trigger("order " + i + " failed").dedupKey("order-" + i).build());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().folded() >= 3);
            assertThat(tocsin.stats().floods()).isEqualTo(1);
            ComponentHealth health = BootLine.health(ctx, "tocsinHealthIndicator");
            assertThat(health.status()).isEqualTo(ComponentHealth.UP);
            assertThat(health.details()).containsEntry("flooding", true).containsEntry("floods", 1);
        });
        runner().withPropertyValues("tocsin.flood.threshold=0").run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            for (int i = 0; i < 5; i++) {
                tocsin.trigger(Alert.trigger("order " + i + " failed").dedupKey("order-" + i).build());
            }
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(tocsin.stats().folded()).as("0 turns folding off").isZero();
        });
    }
}
