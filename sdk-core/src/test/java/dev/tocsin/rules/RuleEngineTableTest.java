package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.rules.RuleEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Every action of the rule engine, table-driven: rules, one event in, what comes out. */
class RuleEngineTableTest {
    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static Alert event() {
        return new Alert(Action.TRIGGER, "orig", "gateway timeout", "pod-1", Severity.WARNING, "api", "edge", null,
                Map.of("region", "eu", "stack_trace", "...", "mdc.user", "u1", "mdc.ip", "10.0.0.1"), List.of(),
                List.of(), NOW);
    }

    static RuleEngine.Outcome run(List<Rule> rules) {
        RuleEngine engine = new RuleEngine(rules, Map.of("Other0Key0For0Tests0000000000abc", "routing-key-x"),
                new Counters(List.of()), new RateLimitedLog(LoggerFactory.getLogger("test"), Clock.systemUTC(),
                        Duration.ofSeconds(30)));
        return engine.evaluate(new EventFields(event(), null, Map.of("tenant", "acme")), NOW);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("no rule matches: unchanged", List.of(Rule.named("r").when("summary contains nope")
                        .severity(Severity.CRITICAL).build()), o -> {
                            assertThat(o.alert()).isEqualTo(event());
                            assertThat(o.changed()).isFalse();
                            assertThat(o.routes()).isEmpty();
                        }),
                row("suppress", List.of(Rule.named("quiet").when("true").suppress().build()), o -> {
                    assertThat(o.alert()).isNull();
                    assertThat(o.suppressedBy()).isEqualTo("quiet");
                }),
                row("suppress unless more than 1 in 1m: the first is suppressed", List.of(Rule.named("few").when("true")
                        .suppressUnlessMoreThan(1, Duration.ofMinutes(1)).build()), o -> assertThat(o.alert()).isNull()),
                row("severity", List.of(Rule.named("r").when("true").severity(Severity.CRITICAL).build()),
                        o -> assertThat(o.alert().severity()).isEqualTo(Severity.CRITICAL)),
                row("route", List.of(Rule.named("r").when("true").route("payments", "slack").build()),
                        o -> assertThat(o.routes()).containsExactly("payments", "slack")),
                row("routing key", List.of(Rule.named("r").when("true").routingKey("Other0Key0For0Tests0000000000abc")
                        .build()), o -> assertThat(o.routes()).containsExactly("routing-key-x")),
                row("link, percent-encoded", List.of(Rule.named("r").when("true")
                        .link("https://rb.example.com/{component}/{summary}?t={mdc.tenant}", "Runbook").build()),
                        o -> assertThat(o.alert().links()).containsExactly(new Link(
                                "https://rb.example.com/api/gateway%20timeout?t=acme", "Runbook"))),
                row("note", List.of(Rule.named("r").when("true").note("in {details.region} for {mdc.tenant}").build(),
                        Rule.named("s").when("true").note("second").build()),
                        o -> assertThat(o.alert().details().get("notes")).isEqualTo(List.of("in eu for acme",
                                "second"))),
                row("dedup key template", List.of(Rule.named("r").when("true").dedupKey("{component}-{details.region}")
                        .build()), o -> assertThat(o.alert().dedupKey()).isEqualTo("api-eu")),
                row("dedup key template that fills in blank keeps the key", List.of(Rule.named("r").when("true")
                        .dedupKey("{details.absent}").build()), o -> assertThat(o.alert().dedupKey()).isEqualTo("orig")),
                row("drop details, exact and by prefix", List.of(Rule.named("r").when("true")
                        .dropDetails("stack_trace", "mdc.*").build()),
                        o -> assertThat(o.alert().details()).containsOnlyKeys("region")),
                row("stop ends evaluation", List.of(Rule.named("a").when("true").route("x").stop().build(),
                        Rule.named("b").when("true").route("y").build()),
                        o -> assertThat(o.routes()).containsExactly("x")),
                row("without stop, later rules add", List.of(Rule.named("a").when("true").route("x").build(),
                        Rule.named("b").when("true").route("y").build()),
                        o -> assertThat(o.routes()).containsExactly("x", "y")),
                row("a later rule sees an earlier change", List.of(
                        Rule.named("a").when("true").severity(Severity.CRITICAL).build(),
                        Rule.named("b").when("severity == critical").note("seen critical").build()),
                        o -> assertThat(o.alert().details().get("notes")).isEqualTo(List.of("seen critical"))),
                row("a suppressing rule after a change still suppresses", List.of(
                        Rule.named("a").when("true").severity(Severity.INFO).build(),
                        Rule.named("b").when("severity == info").suppress().build()),
                        o -> assertThat(o.suppressedBy()).isEqualTo("b")));
    }

    private static Arguments row(String name, List<Rule> rules, Consumer<RuleEngine.Outcome> check) {
        return Arguments.argumentSet(name, rules, check);
    }

    @ParameterizedTest
    @MethodSource("table")
    void eachAction(List<Rule> rules, Consumer<RuleEngine.Outcome> check) {
        check.accept(run(rules));
    }
}
