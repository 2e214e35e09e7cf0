package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.rules.FloodGate;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where a page could be lost or an incident left open at the edges of rules, windows and floods. */
class ReviewedEdgesTest {
    static final String OTHER_KEY = "R0ut1ngKeyForTestsOnly0000000abc";
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static DeliveryResult result(CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void inAFloodEveryCriticalPagesAndAnEscalatedKeysResolveGoesOut() {
        FloodGate gate = new FloodGate(2, Duration.ofMinutes(1), Duration.ofMinutes(1), "host");
        assertThat(gate.fold(Alert.trigger("a").dedupKey("a").build(), NOW)).isFalse();
        assertThat(gate.fold(Alert.trigger("b").dedupKey("b").build(), NOW)).isFalse();
        assertThat(gate.fold(Alert.trigger("k").dedupKey("k").build(), NOW)).as("the flood begins").isTrue();
        assertThat(gate.fold(Alert.trigger("k worse").dedupKey("k").severity(Severity.CRITICAL).build(), NOW))
                .as("escalated: sent").isFalse();
        assertThat(gate.fold(Alert.resolve("k").build(), NOW)).as("its resolve goes out too").isFalse();
        assertThat(gate.fold(Alert.trigger("db down").dedupKey("db").severity(Severity.CRITICAL).build(), NOW))
                .as("a second, different critical pages as well").isFalse();
        assertThat(gate.fold(Alert.trigger("c").dedupKey("c").build(), NOW)).isTrue();
        assertThat(gate.fold(Alert.resolve("c").build(), NOW)).as("a folded key's resolve is folded").isTrue();
    }

    @Test
    void anIncidentStaysWhereItWasOpenedWhenALaterTriggerIsRoutedElsewhere() throws Exception {
        Tocsin tocsin = api.track(api.builder()
                .destination("payments", api.destination().withRoutingKey(OTHER_KEY))
                .rule(Rule.named("payments").when("severity == critical").route("payments").build())
                .coalesceWindow(Duration.ofMillis(1))
                .build());
        tocsin.trigger(Alert.trigger("pay").dedupKey("k").severity(Severity.CRITICAL).build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        tocsin.trigger(Alert.trigger("pay, less").dedupKey("k").severity(Severity.WARNING).build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        tocsin.resolve("k");
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts().stream().filter(b -> b.path("event_action").asText().equals("resolve"))
                .map(b -> b.path("routing_key").asText()))
                .as("the resolve reaches both services the key went to")
                .containsExactlyInAnyOrder(OTHER_KEY, InboxFixture.ROUTING_KEY);
    }

    @Test
    void theResolveOfAKeyThatWasOnlyEverSuppressedCostsNoRequest() throws Exception {
        Tocsin tocsin = api.track(api.builder().rule(Rule.named("noise").when("summary contains noise").suppress()
                .build()).build());
        assertThat(result(tocsin.trigger(Alert.trigger("noise").dedupKey("n").build())).status())
                .isEqualTo(Status.SUPPRESSED);
        DeliveryResult resolve = result(tocsin.resolve("n"));
        assertThat(resolve.status()).isEqualTo(Status.SUPPRESSED);
        assertThat(resolve.detail()).isEqualTo("its triggers were all suppressed: nothing to resolve");
        assertThat(result(tocsin.resolve("elsewhere")).status()).as("an unknown key still goes out")
                .isEqualTo(Status.DELIVERED);
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsExactly("elsewhere");
    }

    @Test
    void aCriticalRepeatOfASuppressedKeyIsJudgedAfresh() throws Exception {
        Tocsin tocsin = api.track(api.builder().rule(Rule.named("retries").when("severity != critical").suppress()
                .build()).build());
        tocsin.offer(logged("db", Severity.ERROR));
        tocsin.offer(logged("db", Severity.ERROR));
        tocsin.offer(logged("db", Severity.CRITICAL));
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("payload").path("severity").asText())
                .containsExactly("critical");
        assertThat(tocsin.stats().suppressed()).isEqualTo(2);
    }

    @Test
    void aWindowWhoseConditionRunsOutOfBudgetLetsTheTriggerThrough() throws Exception {
        Tocsin tocsin = api.client();
        tocsin.maintenance("deploy", Duration.ofMinutes(5), Condition.of("summary matches '^(a+)+$'"));
        assertThat(result(tocsin.trigger(Alert.trigger("a".repeat(900) + "!").build())).status())
                .isEqualTo(Status.DELIVERED);
        assertThat(tocsin.stats().ruleErrors()).isEqualTo(1);
        assertThat(tocsin.stats().internalErrors()).isZero();
    }

    @Test
    void aRoutingKeyWrittenWhereANameBelongsIsNotEchoed() {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> api.builder()
                .rule(Rule.named("r").when("true").route(OTHER_KEY).build()).build());
        assertThat(t).hasMessageContaining("looks like a routing key").hasMessageNotContaining(OTHER_KEY);
    }

    private static PendingAlert logged(String key, Severity severity) {
        return new PendingAlert() {
            @Override
            public Alert toAlert() {
                return Alert.trigger("failure of " + key).dedupKey(key).severity(severity).build();
            }

            @Override
            public String dedupKey() {
                return key;
            }

            @Override
            public Severity severity() {
                return severity;
            }
        };
    }
}
