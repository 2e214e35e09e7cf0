package dev.tocsin.internal.pipeline;

import dev.tocsin.benchmarks.RuleSets;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.report.Counters;
import dev.tocsin.internal.report.RateLimitedLog;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.rules.RuleEngine;
import dev.tocsin.rules.Condition;
import dev.tocsin.rules.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * What the client's rules cost the dispatch thread per trigger, for a typical logged exception ({@link RuleSets}:
 * a summary, a logger, an exception with two causes, six MDC keys, details with a stack trace), already
 * normalised, as the rules see it.
 *
 * <ul>
 *   <li>{@code engine}: {@code RuleEngine.evaluate} alone, for {@code rules=0} (an empty engine), {@code
 *       50-none-match} (the 50 rules, none of which matches) and {@code 50-late-match} (the same rules and an event
 *       of another tenant, which rule 20 routes and rule 48 of 50 rewrites: severity, route, link, note, dedup
 *       key, dropped details);</li>
 *   <li>{@code dispatch}: what {@code Admission} does with the outcome as well: a changed alert is normalised
 *       again;</li>
 *   <li>{@code normalise}: for scale, normalising the event in the first place, which every trigger pays;</li>
 *   <li>{@code oneRule}: one rule alone, per kind of condition, none matching, to find the constructs that
 *       cost more than the others;</li>
 *   <li>{@code plainRegex}: the regular expressions of {@code oneRule} found in the same text by a plain
 *       {@code Pattern}, without the engine's bound on their work.</li>
 * </ul>
 *
 * Run with {@code -prof gc} for the bytes allocated per event ({@code gc.alloc.rate.norm}). In this package to
 * reach the package-private Normalizer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RuleEvaluation {
    private static final Instant NOW = Instant.parse("2026-12-04T09:15:27.400Z");
    private static final String SUMMARY_REGEX = "(?i)deadlock|lock wait timeout";
    private static final String STACK_REGEX = "at com\\.example\\.shop\\.legacy\\.[A-Za-z]+Dao\\.";
    /** As people write a "contains" in regex: the leading and trailing {@code .*} add nothing to a find. */
    private static final String DOTSTAR_REGEX = ".*OutOfMemoryError.*";

    /** The event, normalised, and a client's worth of rules. */
    @State(Scope.Benchmark)
    public static class Rules {
        @Param({"0", "50-none-match", "50-late-match"})
        public String rules;

        Normalizer normalizer;
        RuleEngine engine;
        Counters counters;
        Alert alert;
        Throwable error;
        Map<String, String> mdc;

        @Setup
        public void setUp() {
            boolean late = rules.equals("50-late-match");
            error = RuleSets.failure();
            mdc = RuleSets.mdc(late ? RuleSets.MATCHED_TENANT : RuleSets.QUIET_TENANT);
            normalizer = new Normalizer("bench-host", Clock.systemUTC());
            alert = normalizer.alert(RuleSets.loggedAlert(error, mdc), error);
            counters = new Counters(List.of());
            engine = engine(rules.equals("0") ? List.of() : RuleSets.fifty(), counters);
            check();
        }

        /** Fails the run if the rules do not do what the figures claim. */
        private void check() {
            RuleEngine.Outcome outcome = engine.evaluate(new EventFields(alert, error, mdc), NOW);
            boolean ok = outcome.alert() != null && counters.ruleErrors.sum() == 0;
            if (rules.equals("50-late-match")) {
                Alert a = outcome.alert();
                ok &= outcome.changed() && outcome.routes().equals(Set.of("payments-vip", "payments"))
                        && a.severity() == Severity.CRITICAL && a.dedupKey().equals("payments-timeout-globex-OrderService")
                        && a.links().size() == 1 && !a.details().containsKey("thread")
                        && !a.details().containsKey("mdc.userId") && a.details().containsKey("notes");
            } else {
                ok &= !outcome.changed() && outcome.routes().isEmpty() && outcome.alert() == alert;
            }
            if (!ok) {
                throw new IllegalStateException("rules=" + rules + ": unexpected outcome " + outcome);
            }
        }
    }

    /** The event and one rule, whose condition is of one kind; it matches nothing. */
    @State(Scope.Benchmark)
    public static class OneRule {
        @Param({"summary-equals", "summary-contains", "summary-matches", "stack-contains", "stack-matches",
                "stack-matches-dotstar", "exception-equals", "severity-equals", "mdc-in", "mdc-exists-absent",
                "mdc-number", "mdc-not-a-number", "details-number-absent"})
        public String condition;

        RuleEngine engine;
        Counters counters;
        Alert alert;
        Throwable error;
        Map<String, String> mdc;

        @Setup
        public void setUp() {
            error = RuleSets.failure();
            mdc = RuleSets.mdc(RuleSets.QUIET_TENANT);
            alert = new Normalizer("bench-host", Clock.systemUTC()).alert(RuleSets.loggedAlert(error, mdc), error);
            counters = new Counters(List.of());
            Condition when = switch (condition) {
                case "summary-equals" -> Condition.of("summary == 'Order 4711 failed'");
                case "summary-contains" -> Condition.of("summary contains 'deadlock'");
                case "summary-matches" -> Condition.field("summary").matches(SUMMARY_REGEX);
                case "stack-contains" -> Condition.of("details.stack_trace contains 'org.hibernate.exception.'");
                case "stack-matches" -> Condition.field("details.stack_trace").matches(STACK_REGEX);
                case "stack-matches-dotstar" -> Condition.field("details.stack_trace").matches(DOTSTAR_REGEX);
                case "exception-equals" -> Condition.of("exception == 'java.sql.SQLException'");
                case "severity-equals" -> Condition.of("severity == 'critical'");
                case "mdc-in" -> Condition.of("mdc.region in ('ap-southeast-1', 'ap-northeast-1')");
                case "mdc-exists-absent" -> Condition.of("mdc.feature exists");
                case "mdc-number" -> Condition.of("mdc.attempt >= 5");
                case "mdc-not-a-number" -> Condition.of("mdc.userId > 1000");
                case "details-number-absent" -> Condition.of("details.http_status >= 500");
                default -> throw new IllegalArgumentException(condition);
            };
            engine = engine(List.of(Rule.named(condition).when(when).note("matched").build()), counters);
            RuleEngine.Outcome outcome = engine.evaluate(new EventFields(alert, error, mdc), NOW);
            if (outcome.changed() || counters.ruleErrors.sum() != 0) {
                throw new IllegalStateException(condition + ": matched or failed: " + outcome);
            }
        }
    }

    /** The event as the caller made it, for {@code normalise}. */
    @State(Scope.Benchmark)
    public static class Raw {
        Normalizer normalizer;
        Alert alert;
        Throwable error;

        @Setup
        public void setUp() {
            error = RuleSets.failure();
            normalizer = new Normalizer("bench-host", Clock.systemUTC());
            alert = RuleSets.loggedAlert(error, RuleSets.mdc(RuleSets.QUIET_TENANT));
        }
    }

    static RuleEngine engine(List<Rule> rules, Counters counters) {
        return new RuleEngine(rules, Map.of(), counters,
                new RateLimitedLog(LoggerFactory.getLogger(RuleEvaluation.class), Clock.systemUTC(),
                        Duration.ofSeconds(30)));
    }

    @Benchmark
    public RuleEngine.Outcome engine(Rules s) {
        return s.engine.evaluate(new EventFields(s.alert, s.error, s.mdc), NOW);
    }

    /** As Admission: the rules, then a changed alert normalised again (links and keys the rules made, checked). */
    @Benchmark
    public Alert dispatch(Rules s) {
        RuleEngine.Outcome outcome = s.engine.evaluate(new EventFields(s.alert, s.error, s.mdc), NOW);
        return outcome.changed() ? s.normalizer.afterRules(outcome.alert()) : outcome.alert();
    }

    @Benchmark
    public Alert normalise(Raw s) {
        return s.normalizer.alert(s.alert, s.error);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 3, time = 1)
    public RuleEngine.Outcome oneRule(OneRule s) {
        return s.engine.evaluate(new EventFields(s.alert, s.error, s.mdc), NOW);
    }

    /** The regular expressions of {@code oneRule}, found in the same text by a plain {@link Pattern}, for scale. */
    @State(Scope.Benchmark)
    public static class PlainRegex {
        @Param({"summary-matches", "stack-matches", "stack-matches-dotstar"})
        public String condition;

        Pattern pattern;
        String text;

        @Setup
        public void setUp() {
            Throwable error = RuleSets.failure();
            Alert alert = new Normalizer("bench-host", Clock.systemUTC())
                    .alert(RuleSets.loggedAlert(error, RuleSets.mdc(RuleSets.QUIET_TENANT)), error);
            text = condition.startsWith("summary") ? alert.summary() : (String) alert.details().get("stack_trace");
            pattern = Pattern.compile(switch (condition) {
                case "summary-matches" -> SUMMARY_REGEX;
                case "stack-matches" -> STACK_REGEX;
                case "stack-matches-dotstar" -> DOTSTAR_REGEX;
                default -> throw new IllegalArgumentException(condition);
            });
            if (pattern.matcher(text).find()) {
                throw new IllegalStateException(condition + " matches");
            }
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 3, time = 1)
    public boolean plainRegex(PlainRegex s) {
        return s.pattern.matcher(s.text).find();
    }
}
