package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each rule action, end to end: rules in the client, requests as the inbox received them. */
class RuleActionsTest {
    static final String OTHER_KEY = "R0ut1ngKeyForTestsOnly0000000abc";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private Tocsin client(Rule... rules) {
        return api.track(api.builder().rules(List.of(rules)).build());
    }

    private static DeliveryResult result(java.util.concurrent.CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static JsonNode payload(JsonNode body) {
        return body.path("payload");
    }

    @Test
    void suppressAlwaysSendsNothingAndSaysSo() throws Exception {
        Tocsin tocsin = client(Rule.named("flaky-dns")
                .when("exception == 'java.net.UnknownHostException' and details.env == staging").suppress().build());
        DeliveryResult dropped = result(tocsin.trigger(Alert.trigger("upload failed").detail("env", "staging").build(),
                new RuntimeException("upload", (ConnectException) new ConnectException("x").initCause(new UnknownHostException("db")))));
        DeliveryResult kept = result(tocsin.trigger(Alert.trigger("upload failed").detail("env", "prod").build(),
                new RuntimeException("upload", new UnknownHostException("db"))));

        assertThat(dropped.status()).isEqualTo(Status.SUPPRESSED);
        assertThat(dropped.detail()).isEqualTo("suppressed by rule 'flaky-dns'");
        assertThat(kept.status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alertCount()).isEqualTo(1);
        assertThat(tocsin.stats().suppressed()).isEqualTo(1);
    }

    @Test
    void suppressUnlessMoreThanPagesTheSixthWithinTheWindowOnly() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        Tocsin tocsin = api.track(api.builder().clock(clock).rule(Rule.named("pod-restarts")
                .when("summary matches 'pod .* restarted'")
                .suppressUnlessMoreThan(5, Duration.ofMinutes(10)).build()).build());
        for (int i = 1; i <= 5; i++) {
            assertThat(result(tocsin.trigger(Alert.trigger("pod web-" + i + " restarted").build())).status())
                    .as("restart %d", i).isEqualTo(Status.SUPPRESSED);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(result(tocsin.trigger(Alert.trigger("pod web-6 restarted").build())).status())
                .as("the sixth within ten minutes pages").isEqualTo(Status.DELIVERED);
        clock.advance(Duration.ofMinutes(30)); // the window slides past them all
        assertThat(result(tocsin.trigger(Alert.trigger("pod web-7 restarted").build())).status())
                .isEqualTo(Status.SUPPRESSED);
        assertThat(api.alertCount()).isEqualTo(1);
        assertThat(tocsin.stats().suppressed()).isEqualTo(6);
    }

    @Test
    void setSeverityLinkNoteAndDropDetails() throws Exception {
        Tocsin tocsin = client(Rule.named("p1")
                .when("severity == error and component matches '^(api|database|auth)$'")
                .severity(Severity.CRITICAL)
                .link("https://runbooks.example.com/{component}?summary={summary}", "Emergency runbook")
                .note("Owned by team {details.team}; escalate after 5 min")
                .dropDetails("stack_trace", "mdc.*")
                .build());
        tocsin.trigger(Alert.trigger("db pool exhausted & more").component("database").detail("team", "core")
                .detail("mdc.user", "u-1").detail("mdc.ip", "10.0.0.1").detail("kept", "yes").build());
        tocsin.trigger(Alert.trigger("cache miss").component("cache").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();

        JsonNode p1 = api.alerts().get(0);
        assertThat(payload(p1).path("severity").asText()).isEqualTo("critical");
        assertThat(p1.path("links").get(0).path("href").asText())
                .isEqualTo("https://runbooks.example.com/database?summary=db%20pool%20exhausted%20%26%20more");
        assertThat(p1.path("links").get(0).path("text").asText()).isEqualTo("Emergency runbook");
        JsonNode details = payload(p1).path("custom_details");
        assertThat(details.path("notes").get(0).asText()).isEqualTo("Owned by team core; escalate after 5 min");
        assertThat(details.has("mdc.user")).isFalse();
        assertThat(details.has("mdc.ip")).isFalse();
        assertThat(details.path("kept").asText()).isEqualTo("yes");
        assertThat(payload(api.alerts().get(1)).path("severity").asText()).as("not matched").isEqualTo("error");
    }

    @Test
    void dedupKeyTemplateFoldsAndTheResolveOfTheOriginalKeyFollows() throws Exception {
        Tocsin tocsin = client(Rule.named("per-cluster").when("component == database")
                .dedupKey("db-{details.cluster}").build());
        tocsin.trigger(Alert.trigger("replica lag").dedupKey("lag-a").component("database").detail("cluster", "eu")
                .build());
        tocsin.trigger(Alert.trigger("primary down").dedupKey("down-b").component("database").detail("cluster", "us")
                .build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsExactly("db-eu", "db-us");

        tocsin.resolve("lag-a"); // the key the application knows
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        JsonNode resolve = api.alerts().get(2);
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo("db-eu");
        assertThat(api.inbox().incident("db-eu").orElseThrow().open()).isFalse();
        assertThat(api.inbox().incident("db-us").orElseThrow().open()).isTrue();
    }

    @Test
    void routeToANamedDestinationAndToARoutingKey() throws Exception {
        Tocsin tocsin = api.track(api.builder()
                .destination("payments", api.destination().withRoutingKey(OTHER_KEY))
                .rule(Rule.named("payments").when("summary contains payment").route("payments").stop().build())
                .rule(Rule.named("search").when("component == search").routingKey("Search0Key0For0Tests000000000abc")
                        .build())
                .build());
        tocsin.trigger(Alert.trigger("payment declined").dedupKey("pay").build());
        tocsin.trigger(Alert.trigger("index stale").dedupKey("idx").component("search").build());
        tocsin.trigger(Alert.trigger("disk full").dedupKey("disk").build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText() + "@" + b.path("routing_key").asText())
                .containsExactlyInAnyOrder("pay@" + OTHER_KEY, "idx@Search0Key0For0Tests000000000abc",
                        "disk@" + InboxFixture.ROUTING_KEY);

        tocsin.resolve("pay"); // goes where its trigger went, and nowhere else
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts().get(3).path("routing_key").asText()).isEqualTo(OTHER_KEY);
        assertThat(api.alertCount()).isEqualTo(4);
        assertThat(tocsin.toString()).doesNotContain("Search0Key0For0Tests000000000abc");
        assertThat(tocsin.destinationNames()).noneMatch(n -> n.contains("Search0Key"));
    }

    @Test
    void stopEndsEvaluationAndLaterRulesSeeEarlierChanges() throws Exception {
        Tocsin tocsin = client(
                Rule.named("raise").when("summary contains timeout").severity(Severity.CRITICAL).build(),
                Rule.named("note-criticals").when("severity == critical").note("critical by rule").stop().build(),
                Rule.named("never-reached").when("true").note("should not be here").build());
        tocsin.trigger(Alert.trigger("gateway timeout").severity(Severity.WARNING).build());
        tocsin.trigger(Alert.trigger("other").severity(Severity.WARNING).build());
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(payload(api.alerts().get(0)).path("custom_details").path("notes"))
                .extracting(JsonNode::asText).containsExactly("critical by rule");
        assertThat(payload(api.alerts().get(1)).path("custom_details").path("notes"))
                .extracting(JsonNode::asText).containsExactly("should not be here");
    }

    @Test
    void mdcFromALoggedEventIsReadEvenWhenNotCopiedIntoTheDetails() throws Exception {
        Tocsin tocsin = client(Rule.named("staging").when("mdc.env == staging").suppress().build());
        PendingAlert staging = pending("k1", Map.of("env", "staging"));
        PendingAlert prod = pending("k2", Map.of("env", "prod"));
        assertThat(tocsin.offer(staging)).isTrue();
        assertThat(tocsin.offer(prod)).isTrue();
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsExactly("k2");
        assertThat(tocsin.stats().suppressed()).isEqualTo(1);
    }

    @Test
    void repeatsOfOneKeyThatRulesTellApartAreNotFoldedTogether() throws Exception {
        // Without rules, repeats of a key are counted before the alert is built; with rules each is built and judged.
        Tocsin tocsin = client(Rule.named("tenant-key").when("mdc.tenant exists").dedupKey("{key}-{mdc.tenant}")
                .build());
        tocsin.offer(pending("db", Map.of("tenant", "acme")));
        tocsin.offer(pending("db", Map.of("tenant", "globex")));
        tocsin.offer(pending("db", Map.of("tenant", "acme")));
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsExactly("db-acme", "db-globex");
        assertThat(tocsin.stats().coalesced()).isEqualTo(1);
    }

    @Test
    void aRuleThatRunsOutOfBudgetCountsAsNotMatchingAndTheEventGoesOn() throws Exception {
        Tocsin tocsin = client(Rule.named("slow").when("summary matches '^(a+)+$'").suppress().build());
        DeliveryResult r = result(tocsin.trigger(Alert.trigger("a".repeat(900) + "!").build()));
        assertThat(r.status()).isEqualTo(Status.DELIVERED);
        assertThat(tocsin.stats().ruleErrors()).isEqualTo(1);
        assertThat(tocsin.stats().suppressed()).isZero();
    }

    @Test
    void acknowledgesAndResolvesAreNeverSuppressed() throws Exception {
        Tocsin tocsin = client(Rule.named("all").when("true").suppress().build());
        assertThat(result(tocsin.acknowledge("k")).status()).isEqualTo(Status.DELIVERED);
        assertThat(result(tocsin.resolve("k")).status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alerts()).extracting(b -> b.path("event_action").asText())
                .containsExactly("acknowledge", "resolve");
    }

    @Test
    void aStormIsFoldedBeforeItsRepeatsAreBuiltWithRulesToo() throws Exception {
        Tocsin tocsin = client(Rule.named("never").when("summary contains 'no such text'").severity(Severity.CRITICAL)
                .build(), Rule.named("quiet-tenant").when("mdc.tenant == quiet").suppress().build());
        java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            tocsin.offer(counted(pending("db", Map.of("tenant", "loud")), builds));
            tocsin.offer(counted(pending("db", Map.of("tenant", "quiet")), builds));
        }
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(builds.get()).as("each (key, tenant) built once: the rules read mdc.tenant").isEqualTo(2);
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsExactly("db");
        assertThat(tocsin.stats().suppressed()).isEqualTo(1000);
        assertThat(tocsin.stats().coalesced() + tocsin.stats().dropped()).isEqualTo(999);
    }

    private static PendingAlert counted(PendingAlert p, java.util.concurrent.atomic.AtomicInteger builds) {
        return new PendingAlert() {
            @Override
            public Alert toAlert() {
                builds.incrementAndGet();
                return p.toAlert();
            }

            @Override
            public String dedupKey() {
                return p.dedupKey();
            }

            @Override
            public Map<String, String> context() {
                return p.context();
            }
        };
    }

    private static PendingAlert pending(String key, Map<String, String> mdc) {
        return new PendingAlert() {
            @Override
            public Alert toAlert() {
                return Alert.trigger("failure of " + key).dedupKey(key).build();
            }

            @Override
            public String dedupKey() {
                return key;
            }

            @Override
            public Map<String, String> context() {
                return mdc;
            }
        };
    }
}
