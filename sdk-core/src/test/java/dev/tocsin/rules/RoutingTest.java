package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The severity policy as a table, named destinations, the default route, and the slips they refuse at build. */
class RoutingTest {
    static final String PAGER_KEY = "PagerKey0For0Tests00000000000abc";
    static final String CHAT_KEY = "ChatKey0For0Tests000000000000abc";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private PagerDutyDestination to(String key) {
        return api.destination().withRoutingKey(key);
    }

    private Tocsin.Builder named() {
        return Tocsin.builder().source("test-host").rateLimit(10_000, Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50)).shutdownTimeout(Duration.ofSeconds(2))
                .destination("pagerduty", to(PAGER_KEY)).destination("slack", to(CHAT_KEY));
    }

    @Test
    void theP1ToP4TableSendsEachSeverityWhereItSays() {
        Tocsin tocsin = api.track(named().severityPolicy(SeverityPolicy.of(Map.of(
                "P1", "pagerduty", "error", "pagerduty", "P3", "slack", "info", "slack"))).build());
        for (Severity s : Severity.values()) {
            tocsin.trigger(Alert.trigger(s + " thing").dedupKey(s.name()).severity(s).build());
        }
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText() + "@" + b.path("routing_key").asText())
                .containsExactlyInAnyOrder("CRITICAL@" + PAGER_KEY, "ERROR@" + PAGER_KEY, "WARNING@" + CHAT_KEY,
                        "INFO@" + CHAT_KEY);

        tocsin.resolve("WARNING");
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        JsonNode resolve = api.alerts().get(4);
        assertThat(resolve.path("routing_key").asText()).as("a resolve follows its trigger").isEqualTo(CHAT_KEY);
    }

    @Test
    void aRuleRouteWinsOverThePolicyAndTheSeverityTheRuleSetDecides() {
        Tocsin tocsin = api.track(named()
                .rule(Rule.named("escalate").when("summary contains checkout").severity(Severity.CRITICAL).build())
                .severityPolicy(SeverityPolicy.builder().route(Severity.CRITICAL, "pagerduty")
                        .route(Severity.WARNING, "slack").build())
                .defaultRoute("slack")
                .build());
        tocsin.trigger(Alert.trigger("checkout slow").dedupKey("a").severity(Severity.WARNING).build());
        tocsin.trigger(Alert.trigger("search slow").dedupKey("b").severity(Severity.WARNING).build());
        tocsin.trigger(Alert.trigger("batch late").dedupKey("c").severity(Severity.ERROR).build()); // default route
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText() + "@" + b.path("routing_key").asText())
                .containsExactlyInAnyOrder("a@" + PAGER_KEY, "b@" + CHAT_KEY, "c@" + CHAT_KEY);
    }

    @Test
    void withoutNamesEverythingGoesEverywhereAsBefore() {
        Tocsin tocsin = api.track(api.builder().destination(to(CHAT_KEY)).build());
        tocsin.trigger(Alert.trigger("x").dedupKey("x").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("routing_key").asText())
                .containsExactlyInAnyOrder(InboxFixture.ROUTING_KEY, CHAT_KEY);
    }

    @Test
    void anUnknownRouteNameIsRefusedNamingTheRuleTheFieldAndTheNames() {
        assertThatThrownBy(() -> named().rule(Rule.named("payments").when("true").route("paymnts").build()).build())
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("tocsin: rule 'payments': route: no destination is named 'paymnts' (names: pagerduty,"
                        + " slack)");
        assertThatThrownBy(() -> named().severityPolicy(SeverityPolicy.of(Map.of("critical", "pager"))).build())
                .isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("severity policy: critical: no destination is named 'pager'");
        assertThatThrownBy(() -> named().defaultRoute("nowhere").build())
                .hasMessageContaining("defaultRoute: no destination is named 'nowhere'");
    }

    @Test
    void everyDestinationNamedAndNoDefaultIsRefusedUnlessThePolicyCoversAll() {
        assertThatThrownBy(() -> named().severityPolicy(SeverityPolicy.builder()
                .route(Severity.CRITICAL, "pagerduty").build()).build())
                .hasMessageContaining("would go nowhere").hasMessageContaining("severity error, warning, info");
        named().severityPolicy(SeverityPolicy.of(Map.of("critical", "pagerduty", "error", "pagerduty",
                "warning", "slack", "info", "slack"))).closeOnExit(false).build().close();
    }

    @Test
    void slipsInNamesPoliciesAndRoutingKeys() {
        assertThatThrownBy(() -> Tocsin.builder().destination("has space", to(PAGER_KEY)).build())
                .hasMessageContaining("destination name 'has space' must be 1 to 64");
        assertThatThrownBy(() -> SeverityPolicy.of(Map.of("urgent", "pagerduty")))
                .hasMessage("tocsin: severity policy: urgent: is not a severity; use critical, error, warning, info or"
                        + " P1 to P4");
        assertThatThrownBy(() -> SeverityPolicy.of(Map.of("critical", " , ")))
                .hasMessageContaining("names no destination");
        assertThatThrownBy(() -> Rule.named("r").routingKey("short").build())
                .hasMessage("tocsin: rule 'r': routingKey: must be 32 letters and digits (a PagerDuty integration key)")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> Tocsin.builder().destination(dev.tocsin.webhook.SlackDestination.of(
                "http://127.0.0.1:1/hook")).rule(Rule.named("r").routingKey(PAGER_KEY).build()).build())
                .hasMessageContaining("rule 'r': routingKey: needs a PagerDuty destination")
                .hasMessageNotContaining(PAGER_KEY);
        assertThatThrownBy(() -> api.builder().rule(Rule.named("a").build()).rule(Rule.named("a").build()).build())
                .hasMessageContaining("rule 'a': name: is used by two rules");
        assertThatThrownBy(() -> api.builder().floodThreshold(-1, Duration.ofMinutes(1)).build())
                .hasMessageContaining("floodThreshold.distinctKeys must not be negative");
        assertThatThrownBy(() -> api.builder().floodThreshold(5, Duration.ZERO).build())
                .hasMessageContaining("floodThreshold.period must be a positive duration");
    }
}
