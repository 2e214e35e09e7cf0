package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.rules.RuleSpec;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client made before the context has the rules of the properties; where they name a destination that only a
 * customizer of the context adds, it pages PagerDuty without them rather than not at all.
 */
class RulesBeforeTheContextTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private TocsinProperties properties(String route) {
        TocsinProperties p = new TocsinProperties();
        p.getPagerduty().setRoutingKey(InboxFixture.ROUTING_KEY);
        p.getPagerduty().setEndpoint(api.endpoint());
        p.setShutdownTimeout(Duration.ofSeconds(2));
        RuleSpec quiet = new RuleSpec();
        quiet.setName("quiet");
        quiet.setWhen("summary contains 'noise'");
        quiet.setSuppress("always");
        RuleSpec routed = new RuleSpec();
        routed.setName("routed");
        routed.setWhen("summary contains 'ops'");
        routed.setRoute(route);
        p.getRules().add(quiet);
        p.getRules().add(routed);
        return p;
    }

    private static DeliveryResult.Status send(Tocsin client, String summary) throws Exception {
        return client.trigger(Alert.trigger(summary).dedupKey(summary).build()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).status();
    }

    @Test
    void theEarlyClientHasTheRules() throws Exception {
        try (Tocsin early = api.track(TocsinFactory.buildBeforeContext(properties("pagerduty")))) {
            assertThat(send(early, "noise")).isEqualTo(DeliveryResult.Status.SUPPRESSED);
            assertThat(send(early, "ops failed")).isEqualTo(DeliveryResult.Status.DELIVERED);
        }
    }

    @Test
    void rulesThatNeedTheContextsCustomizersAreLeftOutBeforeIt() throws Exception {
        try (Tocsin early = api.track(TocsinFactory.buildBeforeContext(properties("ops")))) {
            assertThat(early.destinationNames()).containsExactly("pagerduty(…0abc)");
            assertThat(send(early, "noise")).as("no rules at all, rather than a rule left out")
                    .isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(send(early, "ops failed")).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(api.inbox().awaitIncident("ops failed", Duration.ofSeconds(1)).routingKey())
                    .isEqualTo(InboxFixture.ROUTING_KEY);
        }
    }
}
