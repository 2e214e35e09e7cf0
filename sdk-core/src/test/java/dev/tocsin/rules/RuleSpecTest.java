package dev.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.event.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules and windows as configuration writes them: the same rule as in code, and every slip named. */
class RuleSpecTest {
    static RuleSpec spec(Consumer<RuleSpec> fill) {
        RuleSpec s = new RuleSpec();
        s.setName("payments");
        s.setWhen("true");
        fill.accept(s);
        return s;
    }

    @Test
    void aSpecIsTheSameRuleAsTheCodeThatSaysTheSame() {
        RuleSpec s = spec(r -> {
            r.setWhen(" summary contains 'payment' and severity in (critical, error) ");
            r.setSuppress("unless more than 5 in 10m");
            r.setSeverity("P1");
            r.setRoute("payments, slack");
            r.setLink("https://runbooks.example.com/{component}");
            r.setLinkText("Runbook");
            r.setNote("owned by {details.team}");
            r.setDedupKey("pay-{details.region}");
            r.setDropDetails("stack_trace, mdc.*");
            r.setStop("true");
        });
        Rule code = Rule.named("payments")
                .when(Condition.field("summary").contains("payment").and(Condition.field("severity").in("critical",
                        "error")))
                .suppressUnlessMoreThan(5, Duration.ofMinutes(10)).severity(Severity.CRITICAL)
                .route("payments", "slack").link("https://runbooks.example.com/{component}", "Runbook")
                .note("owned by {details.team}").dedupKey("pay-{details.region}").dropDetails("stack_trace", "mdc.*")
                .stop().build();
        Rule fromSpec = s.toRule(1);
        assertThat(fromSpec.toString()).isEqualTo(code.toString());
        assertThat(fromSpec.condition()).isEqualTo(code.condition());
        assertThat(fromSpec.within()).isEqualTo(code.within());
        assertThat(fromSpec.links()).isEqualTo(code.links());
        assertThat(fromSpec.dropDetails()).isEqualTo(code.dropDetails());
    }

    @Test
    void blankFieldsAreUnsetAndDurationsComeInEveryUsualForm() {
        Rule r = spec(x -> {
            x.setWhen("true");
            x.setSeverity("");
            x.setStop(" ");
        }).toRule(1);
        assertThat(r.condition()).isEqualTo(Condition.always());
        assertThat(r.severity()).isNull();
        assertThat(r.stops()).isFalse();
        for (String d : new String[] {"10m", "10 minutes", "PT10M", "600s", "600 seconds"}) {
            assertThat(spec(x -> x.setSuppress("unless more than 2 in " + d)).toRule(1).within())
                    .isEqualTo(Duration.ofMinutes(10));
        }
        assertThat(spec(x -> x.setSuppress("always")).toRule(1).stops()).isTrue();
    }

    static Stream<Arguments> ruleSlips() {
        return Stream.of(
                slip(r -> r.setName(null), "tocsin: rule #3: name: is required"),
                slip(r -> r.setName("  "), "tocsin: rule #3: name: is required"),
                slip(r -> r.setWhen(" "), "tocsin: rule 'payments': when: is required (write true to act on every"
                        + " trigger)"),
                slip(r -> r.setWhen("sumary contains x"),
                        "tocsin: rule 'payments': when: unknown field 'sumary' (did you mean 'summary'?)"),
                slip(r -> r.setWhen("summary matches '[a-'"), "tocsin: rule 'payments': when: bad regular expression"),
                slip(r -> r.setSuppress("sometimes"), "tocsin: rule 'payments': suppress: 'sometimes' is neither"),
                slip(r -> r.setSuppress("unless more than 0 in 5m"), "suppress: the count in 'unless more than N'"),
                slip(r -> r.setSuppress("unless more than 5 in soon"), "suppress: 'soon' is not a duration"),
                slip(r -> r.setSuppress("unless more than 5 in 0s"), "suppress: 'unless more than 5' needs a positive"),
                slip(r -> r.setSeverity("urgent"), "tocsin: rule 'payments': severity: 'urgent' is not a severity"),
                slip(r -> r.setRoutingKey(" "), "tocsin: rule 'payments': routingKey: is blank (an unset variable?)"),
                slip(r -> r.setRoutingKey("abc"), "routingKey: must be 32 letters and digits"),
                slip(r -> r.setLink("ftp://x/{component}"), "link: must start with https:// or http://"),
                slip(r -> r.setLink("https://x/{compnent}"), "link: placeholder {compnent}: unknown field 'compnent'"
                        + " (did you mean 'component'?)"),
                slip(r -> r.setLink("https://x/{component"), "link: has a '{' at character 11 that is never closed"),
                slip(r -> r.setLinkText("Runbook"), "linkText: is set without a link"),
                slip(r -> r.setNote("{nope}"), "note: placeholder {nope}: unknown field 'nope'"),
                slip(r -> r.setDedupKey("{details.}"), "dedupKey: placeholder {details.}: 'details.' needs a key"),
                slip(r -> r.setDropDetails("*"), "dropDetails: a key is blank or '*'"),
                slip(r -> r.setStop("ture"), "tocsin: rule 'payments': stop: 'ture' is neither true nor false"));
    }

    private static Arguments slip(Consumer<RuleSpec> fill, String message) {
        return Arguments.of(spec(fill), message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("ruleSlips")
    void aRuleSlipNamesTheRuleAndTheField(RuleSpec spec, String message) {
        assertThatThrownBy(() -> spec.toRule(3)).isInstanceOf(InvalidRuleException.class)
                .hasMessageStartingWith(message.startsWith("tocsin:") ? message : "tocsin: rule 'payments': ")
                .hasMessageContaining(message.startsWith("tocsin:") ? "" : message);
    }

    @Test
    void aRoutingKeyNeverShowsInAMessageOrDescription() {
        String key = "Secret0Key0For0Tests000000000abc";
        RuleSpec s = spec(r -> {
            r.setRoutingKey(key);
            r.setWhen("summary ==");
        });
        assertThatThrownBy(() -> s.toRule(1)).hasMessageNotContaining(key);
        assertThat(s.toString()).doesNotContain(key);
        s.setWhen("true");
        assertThat(s.toRule(1).toString()).doesNotContain(key).contains("routing key …0abc");
    }

    static MaintenanceSpec window(Consumer<MaintenanceSpec> fill) {
        MaintenanceSpec m = new MaintenanceSpec();
        m.setName("backup");
        m.setFrom("02:00");
        m.setTo("04:00");
        fill.accept(m);
        return m;
    }

    static Stream<Arguments> windowSlips() {
        return Stream.of(
                Arguments.of(window(m -> m.setName("")), "tocsin: maintenance window #2: name: is required"),
                Arguments.of(window(m -> m.setZone("Mars/Olympus")), "tocsin: maintenance window 'backup': zone:"
                        + " 'Mars/Olympus' is not a time zone"),
                Arguments.of(window(m -> m.setFrom("2am")), "from: '2am' is not a time such as 02:00"),
                Arguments.of(window(m -> m.setTo(null)), "to: is required"),
                Arguments.of(window(m -> m.setTo("02:00")), "to: equals 'from'"),
                Arguments.of(window(m -> m.setDays("MON, Funday")), "days: 'Funday' is not a day (MON to SUN)"),
                Arguments.of(window(m -> m.setWhen("component ==")), "when: ends where a value was expected"),
                Arguments.of(window(m -> m.setStart("2026-12-24T18:00")), "a window has either start and end"),
                Arguments.of(window(m -> {
                    m.setFrom(null);
                    m.setTo(null);
                    m.setStart("2026-12-24T18:00");
                    m.setEnd("2026-12-24");
                }), "end: '2026-12-24' is not a date-time"),
                Arguments.of(window(m -> {
                    m.setFrom(null);
                    m.setTo(null);
                    m.setStart("2026-12-24T18:00");
                    m.setEnd("2026-12-24T17:00");
                }), "end: is not after 'start'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("windowSlips")
    void aWindowSlipNamesTheWindowAndTheField(MaintenanceSpec spec, String message) {
        assertThatThrownBy(() -> spec.toSchedule(2)).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aWindowSpecWithDaysZoneAndCondition() {
        ScheduledMaintenance s = window(m -> {
            m.setDays("sat, SUNDAY");
            m.setZone("Europe/Berlin");
            m.setWhen("component == database");
        }).toSchedule(1);
        assertThat(s.toString()).isEqualTo("maintenance 'backup' [SATURDAY, SUNDAY] 02:00 to 04:00 Europe/Berlin when"
                + " component == 'database'");
        assertThat(window(m -> { }).toSchedule(1).zone()).hasToString("UTC");
    }

    @Test
    void theSeverityTableReadsNamesAndPLevels() {
        SeverityPolicy p = SeverityPolicy.of(Map.of("P1", "pagerduty, sms", "error", "pagerduty", "p3", "slack"));
        assertThat(p.routes(Severity.CRITICAL)).containsExactly("pagerduty", "sms");
        assertThat(p.routes(Severity.WARNING)).containsExactly("slack");
        assertThat(p.routes(Severity.INFO)).isEmpty();
    }
}
