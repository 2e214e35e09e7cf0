package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.expr.EventFields;
import dev.tocsin.internal.expr.Expression;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field and operator of the condition language, table-driven, on one logged failure and a plain trigger. */
class ConditionTest {
    /** A logged failure: an I/O error caused by an unknown host, with details and MDC. */
    static EventFields logged() {
        Alert alert = new Alert(Action.TRIGGER, "checkout-7f3a", "Payment of order 42 failed", "pod-17",
                Severity.ERROR, "PaymentService", "checkout", "java.io.IOException",
                Map.of("logger", "com.example.payments.PaymentService", "region", "eu-west-1", "retries", 3,
                        "latency_ms", "250.5", "tags", List.of("db", "primary"), "mdc.tenant", "acme"),
                List.of(), List.of(), Instant.parse("2026-12-04T00:00:00Z"));
        Throwable error = new IOException("upload failed", (ConnectException) new ConnectException("refused")
                .initCause(new UnknownHostException("db.internal")));
        return new EventFields(alert, error, Map.of("requestId", "r-1", "env", "staging"));
    }

    /** A trigger with hardly anything: no component, no exception, no details. */
    static EventFields bare() {
        Alert alert = new Alert(Action.TRIGGER, "k", "disk full", "host-1", Severity.WARNING, null, null, null,
                Map.of(), List.of(), List.of(), null);
        return new EventFields(alert, null, Map.of());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // field == value, every plain field
                row("summary == 'Payment of order 42 failed'", true, false),
                row("source == pod-17", true, false),
                row("severity == error", true, false),
                row("severity == ERROR", true, false), // severities whatever their case
                row("severity == warning", false, true),
                row("component == PaymentService", true, false),
                row("group == checkout", true, false),
                row("class == 'java.io.IOException'", true, false),
                row("key == checkout-7f3a", true, false),
                row("logger == 'com.example.payments.PaymentService'", true, false),
                // exception: every type in the cause chain
                row("exception == 'java.io.IOException'", true, false),
                row("exception == 'java.net.ConnectException'", true, false),
                row("exception == 'java.net.UnknownHostException'", true, false),
                row("exception == 'java.lang.IllegalStateException'", false, false),
                row("exception matches 'UnknownHost'", true, false),
                // details and MDC
                row("details.region == eu-west-1", true, false),
                row("details.tags == primary", true, false), // a list matches if any element does
                row("mdc.env == staging", true, false), // the MDC the appender captured
                row("mdc.tenant == acme", true, false), // or the copy in the details
                row("mdc.requestId exists", true, false),
                row("details.missing exists", false, false),
                // operators
                row("summary != 'disk full'", true, false),
                row("component != PaymentService", false, true), // absent: != matches
                row("summary contains 'order 42'", true, false),
                row("summary contains 'Order'", false, false), // contains is case-sensitive
                row("summary matches '(?i)^payment of order \\\\d+'", true, false),
                row("summary matches 'disk'", false, true),
                row("summary matches 'order \\d+ failed$'", true, false), // a regex's backslash as written
                row("summary matches \"^Payment of order\\\\s42\"", true, false), // or doubled
                row("severity in (critical, error)", true, false),
                row("source in ('host-1', 'host-2')", false, true),
                row("details.retries > 2", true, false),
                row("details.retries >= 3", true, false),
                row("details.retries < 3", false, false),
                row("details.retries <= 3", true, false),
                row("details.latency_ms > 250.4", true, false),
                row("details.region > 1", false, false), // not a number: no match
                // combinations
                row("severity == error and component == PaymentService", true, false),
                row("severity == error && details.retries > 5", false, false),
                row("severity == critical or summary contains disk", false, true),
                row("severity == critical || source == pod-17", true, false),
                row("not (severity == error)", false, true),
                row("!(severity == error)", false, true),
                row("all(severity == error, mdc.env == staging)", true, false),
                row("any(source == nope, summary contains full)", false, true),
                row("true", true, true),
                row("false", false, false),
                row("NOT severity == error AND summary EXISTS", false, true), // keywords whatever their case
                row("(severity == error or severity == warning) and not component exists", false, true));
    }

    private static Arguments row(String expression, boolean onLogged, boolean onBare) {
        return Arguments.of(expression, onLogged, onBare);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachOperatorAndField(String expression, boolean onLogged, boolean onBare) {
        Condition c = Condition.of(expression);
        assertThat(Expression.parse(c.toString()).test(logged())).as("logged: " + c).isEqualTo(onLogged);
        assertThat(Expression.parse(c.toString()).test(bare())).as("bare: " + c).isEqualTo(onBare);
        assertThat(Condition.of(c.toString())).as("prints as it parses").isEqualTo(c);
    }

    @Test
    void codeAndExpressionsAreTheSameCondition() {
        assertThat(Condition.field("summary").contains("payment").and(Condition.field("severity").in("critical",
                "error"))).isEqualTo(Condition.of("summary contains 'payment' and severity in (critical, error)"));
        assertThat(Condition.not(Condition.field("mdc.tenant").exists()).or(Condition.field("details.retries")
                .atLeast(3))).isEqualTo(Condition.of("not mdc.tenant exists or details.retries >= 3.0"));
        assertThat(Condition.field("exception").equalTo("java.net.UnknownHostException"))
                .isEqualTo(Condition.of("exception = \"java.net.UnknownHostException\""));
        assertThat(Condition.field("summary").matches("a'b\\d")).isEqualTo(Condition.of("summary matches 'a\\'b\\\\d'"));
        assertThat(Condition.field("summary").matches("order \\d+")).isEqualTo(Condition.of("summary matches 'order"
                + " \\d+'")).isEqualTo(Condition.of("summary matches 'order \\\\d+'"));
        assertThat(Condition.all()).isEqualTo(Condition.always());
    }

    static Stream<Arguments> slips() {
        return Stream.of(
                Arguments.of("sumary contains x", "unknown field 'sumary' (did you mean 'summary'?)"),
                Arguments.of("severty == error", "did you mean 'severity'?"),
                Arguments.of("details. == x", "needs a key after the dot"),
                Arguments.of("summary like x", "unknown operator 'like'"),
                Arguments.of("summary matches '(unclosed'", "bad regular expression '(unclosed'"),
                Arguments.of("details.retries > many", "'>' needs a number, found 'many'"),
                Arguments.of("summary == 'open", "quote that is never closed"),
                Arguments.of("summary == x and", "ends where a field was expected"),
                Arguments.of("(summary == x", "ends where ')' was expected"),
                Arguments.of("summary == x summary == y", "expected 'and', 'or' or the end"),
                Arguments.of("severity in critical", "expected '(', found 'critical'"),
                Arguments.of("", "is empty"),
                Arguments.of("   ", "is empty"),
                Arguments.of("summary", "ends after 'summary'; expected an operator"),
                Arguments.of("(".repeat(100) + "true" + ")".repeat(100), "nested more than 64 deep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void aSlipIsRefusedSayingWhatAndWhere(String expression, String message) {
        assertThatThrownBy(() -> Condition.of(expression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tocsin: condition ").hasMessageContaining(message);
    }

    @Test
    void aCatastrophicPatternRunsOutOfBudgetInsteadOfStalling() {
        Alert alert = Alert.trigger("a".repeat(5000) + "!").dedupKey("k").build();
        EventFields event = new EventFields(alert, null, Map.of());
        var node = Expression.parse("summary matches '^(a+)+$'");
        assertThatThrownBy(() -> node.test(event))
                .isInstanceOf(dev.tocsin.internal.expr.BoundedRegex.OutOfBudget.class);
        // and a sane pattern on the same long text is well within budget
        assertThat(Expression.parse("summary matches 'a{10}!$'").test(event)).isTrue();
    }

    @Test
    void hostileCauseChainsEndTheChainNotTheRule() {
        Throwable cyclic = dev.tocsin.testing.HostileThrowables.cyclicCauses();
        Throwable deep = dev.tocsin.testing.HostileThrowables.deepChain(10_000);
        Throwable throwing = new RuntimeException("outer") {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause for you");
            }
        };
        for (Throwable t : List.of(cyclic, deep, throwing)) {
            EventFields e = new EventFields(Alert.trigger("x").dedupKey("k").build(), t, Map.of());
            assertThat(e.values("exception")).isNotEmpty().hasSizeLessThanOrEqualTo(32);
        }
    }
}
