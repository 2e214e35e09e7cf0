package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/**
 * A slip in the rules, severity policy, destinations or maintenance windows fails startup with Spring Boot's failure
 * report naming the property, the rule and what is wrong, before anything is sent; a key is never shown.
 */
class RuleSlipsTest {
    static final String KEY = TocsinAutoConfigurationTest.KEY;
    static final String OTHER_KEY = RulesFromPropertiesTest.PAYMENTS_KEY;
    static final String UNSET = ConfigurationSlipsTest.UNSET;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.tocsin())
            .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                    "tocsin.pagerduty.endpoint=http://127.0.0.1:9/v2/enqueue", "tocsin.shutdown-timeout=200ms",
                    "tocsin.pagerduty.routing-key=" + KEY,
                    "tocsin.destinations.payments.type=pagerduty",
                    "tocsin.destinations.payments.routing-key=" + OTHER_KEY,
                    "tocsin.rules[0].name=first", "tocsin.rules[0].when=severity == info",
                    "tocsin.rules[1].name=payments", "tocsin.rules[1].when=true");

    private FailureAnalysis report(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            analysis[0] = FailureReports.analyze(ctx.getStartupFailure(), new StandardEnvironment());
        });
        assertThat(analysis[0].getDescription() + analysis[0].getAction()).doesNotContain("tocsin: ")
                .doesNotContain(KEY).doesNotContain(OTHER_KEY);
        assertThat(analysis[0].getDescription()).startsWith("Tocsin cannot start: ");
        return analysis[0];
    }

    @Test
    void aBadRegularExpression() {
        FailureAnalysis a = report("tocsin.rules[1].when=summary matches 'timeout (gateway'");
        assertThat(a.getDescription()).contains("tocsin.rules[1].when (rule 'payments'): bad regular expression");
        assertThat(a.getAction()).contains("tocsin.rules[1].when").contains("matches");
    }

    @Test
    void anUnknownFieldWithTheOneMeant() {
        FailureAnalysis a = report("tocsin.rules[1].when=sumary contains 'payment'");
        assertThat(a.getDescription()).contains("tocsin.rules[1].when (rule 'payments'): ")
                .contains("'sumary'").contains("did you mean 'summary'?");
        assertThat(a.getAction()).contains("Fields: summary, source, severity");
    }

    @Test
    void anUnnamedRuleIsNamedByItsPlace() {
        FailureAnalysis a = report("tocsin.rules[2].when=severity in (critical,", "tocsin.rules[2].route=payments");
        assertThat(a.getDescription()).contains("Tocsin cannot start: tocsin.rules[2].when: ");
    }

    @Test
    void anUnknownDestinationInARoute() {
        FailureAnalysis a = report("tocsin.rules[1].route=payment");
        assertThat(a.getDescription()).contains("tocsin.rules[1].route (rule 'payments'): no destination is named"
                + " 'payment' (names: pagerduty, payments)");
        assertThat(a.getAction()).contains("tocsin.destinations.<name>");
    }

    @Test
    void anUnknownDestinationInTheSeverityPolicy() {
        FailureAnalysis a = report("tocsin.severity-policy.P3=slak");
        assertThat(a.getDescription()).contains("tocsin.severity-policy.P3: no destination is named 'slak'");
        assertThat(report("tocsin.severity-policy.warnings=payments").getDescription())
                .contains("tocsin.severity-policy.warnings: is not a severity");
        assertThat(report("tocsin.severity-policy.critical=${" + UNSET + ":}").getDescription())
                .contains("tocsin.severity-policy.critical: names no destination");
    }

    @Test
    void anUnknownDestinationInTheDefaultRoute() {
        assertThat(report("tocsin.default-route=pagerduty,paymnts").getDescription())
                .contains("tocsin.default-route: no destination is named 'paymnts'");
    }

    @Test
    void aBlankOrUnsetRoutingKey() {
        assertThat(report("tocsin.rules[1].routing-key=${" + UNSET + ":}").getDescription())
                .contains("tocsin.rules[1].routing-key (rule 'payments') is blank (an unset variable?)");
        assertThat(report("tocsin.rules[1].routing-key=${" + UNSET + "}").getDescription())
                .contains("tocsin.rules[1].routing-key (rule 'payments') refers to " + UNSET + ", which is not set");
        assertThat(report("tocsin.rules[1].routing-key=short-and-secret").getDescription())
                .contains("tocsin.rules[1].routing-key (rule 'payments'): must be 32 letters and digits")
                .doesNotContain("short-and-secret");
        FailureAnalysis a = report("tocsin.destinations.payments.routing-key=${" + UNSET + ":}");
        assertThat(a.getDescription()).contains("tocsin.destinations.payments.routing-key is blank");
        assertThat(a.getAction()).contains("set the variable");
        assertThat(report("tocsin.destinations.payments.routing-key=not-a-key-but-secret").getDescription())
                .contains("tocsin.destinations.payments.routing-key must be 32 letters and digits")
                .doesNotContain("not-a-key-but-secret");
    }

    @Test
    void anUnknownDestinationTypeOrAMissingUrl() {
        FailureAnalysis a = report("tocsin.destinations.payments.type=pagerdty");
        assertThat(a.getDescription()).contains("tocsin.destinations.payments.type is 'pagerdty', not a destination"
                + " type (did you mean pagerduty?)");
        assertThat(a.getAction()).contains("pagerduty, slack or webhook");
        assertThat(report("tocsin.destinations.chat.url=https://hooks.slack.com/services/T0/B0/x").getDescription())
                .contains("tocsin.destinations.chat.type is required");
        assertThat(report("tocsin.destinations.chat.type=slack").getDescription())
                .contains("tocsin.destinations.chat.url is required");
        assertThat(report("tocsin.destinations.chat.type=webhook", "tocsin.destinations.chat.url=http://example.com/h")
                .getDescription()).contains("tocsin.destinations.chat.url must use https for host example.com");
        assertThat(report("tocsin.destinations.chat.type=slack",
                "tocsin.destinations.chat.url=https://hooks.slack.com/x", "tocsin.destinations.chat.routing-key=" + KEY)
                .getDescription()).contains("tocsin.destinations.chat.routing-key does not apply to type slack");
        assertThat(report("tocsin.destinations.pagerduty.type=slack").getDescription())
                .contains("tocsin.destinations.pagerduty: the name pagerduty is the main destination's");
    }

    @Test
    void aMalformedDurationInASuppression() {
        FailureAnalysis a = report("tocsin.rules[1].suppress=unless more than 5 in 10 mins");
        assertThat(a.getDescription()).contains("tocsin.rules[1].suppress (rule 'payments'): '10 mins' is not a"
                + " duration");
        assertThat(a.getAction()).contains("unless more than 5 in 10m");
        assertThat(report("tocsin.rules[1].suppress=sometimes").getDescription())
                .contains("tocsin.rules[1].suppress (rule 'payments'): 'sometimes' is neither 'always' nor");
    }

    @Test
    void otherFieldsOfARule() {
        assertThat(report("tocsin.rules[1].severity=fatal").getDescription())
                .contains("tocsin.rules[1].severity (rule 'payments'): 'fatal' is not a severity");
        assertThat(report("tocsin.rules[1].link=runbooks.example.com/{component}").getDescription())
                .contains("tocsin.rules[1].link (rule 'payments'): must start with https://");
        assertThat(report("tocsin.rules[1].note=Owned by {details.team").getDescription())
                .contains("tocsin.rules[1].note (rule 'payments'): ");
        assertThat(report("tocsin.rules[1].stop=yes").getDescription())
                .contains("tocsin.rules[1].stop (rule 'payments'): 'yes' is neither true nor false");
        assertThat(report("tocsin.rules[1].name=first").getDescription())
                .contains("tocsin.rules[1].name (rule 'first'): is the name of tocsin.rules[0] too");
    }

    @Test
    void aMalformedTimeDateOrZoneInAMaintenanceWindow() {
        String[] window = {"tocsin.maintenance[0].name=backup", "tocsin.maintenance[0].from=02:00",
            "tocsin.maintenance[0].to=03:30"};
        FailureAnalysis a = report(with(window, "tocsin.maintenance[0].to=3.30am"));
        assertThat(a.getDescription()).contains("tocsin.maintenance[0].to (window 'backup'): '3.30am' is not a time"
                + " such as 02:00");
        assertThat(a.getAction()).contains("tocsin.maintenance[0].from").contains("02:00");
        assertThat(report(with(window, "tocsin.maintenance[0].zone=Mars/Olympus")).getDescription())
                .contains("tocsin.maintenance[0].zone (window 'backup'): 'Mars/Olympus' is not a time zone");
        assertThat(report(with(window, "tocsin.maintenance[0].days=MON, Funday")).getDescription())
                .contains("tocsin.maintenance[0].days (window 'backup'): 'Funday' is not a day");
        assertThat(report(with(window, "tocsin.maintenance[0].when=component = ")).getDescription())
                .contains("tocsin.maintenance[0].when (window 'backup'): ");
        assertThat(report("tocsin.maintenance[0].start=2026-12-24T18:00", "tocsin.maintenance[0].end=Dec 27")
                .getDescription()).contains("tocsin.maintenance[0].end: 'Dec 27' is not a date-time");
    }

    @Test
    void floodSettings() {
        assertThat(report("tocsin.flood.threshold=-1").getDescription())
                .contains("tocsin.flood.threshold must not be negative, was -1");
        assertThat(report("tocsin.flood.period=0s").getDescription())
                .contains("tocsin.flood.period must be a positive duration");
    }

    @Test
    void valuesTheBinderCannotConvertAreReportedBySpringBootNamingTheProperty() {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues("tocsin.flood.period=soon").run(ctx -> analysis[0] =
                FailureReports.analyze(ctx.getStartupFailure(), new StandardEnvironment()));
        assertThat(analysis[0].getDescription()).contains("tocsin.flood.period").contains("soon");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
