package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.testing.InboxFixture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each slip in a {@code <rule>}, a {@code <maintenance>} or the flood settings: the appender starts as a no-op with
 * one status error that names the rule (or window) and the field, and the application's logging goes on.
 */
class RuleSlipsInLogbackXmlTest {
    /** Looks like a secret; must never be printed. */
    private static final String BAD_KEY = "short-secret-value-98765";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LogbackXml logback = new LogbackXml();

    @AfterEach
    void close() {
        logback.close();
    }

    static Stream<Arguments> slips() {
        return Stream.of(
                slip("a regular expression that does not compile", """
                        <rule><name>payments</name><when>summary matches '(unclosed'</when></rule>""",
                        "rule 'payments': when:"),
                slip("a misspelt field in the condition", """
                        <rule><name>typo</name><when>sumary contains 'x'</when></rule>""",
                        "rule 'typo': when:", "sumary", "did you mean 'summary'"),
                slip("an element that is no field", """
                        <rule><name>typo</name><when>summary contains 'x'</when><sumary>x</sumary></rule>""",
                        "rule 'typo': sumary: is not a field of a rule", "when, suppress"),
                slip("a field spelt as in application.yml", """
                        <rule><name>pay</name><when>true</when><routing-key>${paymentsKey}</routing-key></rule>""",
                        "rule 'pay': routing-key: is not a field of a rule (did you mean <routingKey>?)"),
                slip("a route: the appender's client has no named destinations", """
                        <rule><name>chat</name><when>true</when><route>slack</route></rule>""",
                        "rule 'chat': route: no destination is named 'slack'", "<routingKey>"),
                slip("a suppress setting that is neither always nor a threshold", """
                        <rule><name>noise</name><when>true</when><suppress>sometimes</suppress></rule>""",
                        "rule 'noise': suppress:", "sometimes"),
                slip("a threshold's malformed duration", """
                        <rule><name>noise</name><when>true</when><suppress>unless more than 5 in 10 parsecs</suppress></rule>""",
                        "rule 'noise': suppress:", "10 parsecs"),
                slip("an unknown severity", """
                        <rule><name>loud</name><when>true</when><severity>urgent</severity></rule>""",
                        "rule 'loud': severity:", "urgent"),
                slip("a stop that is neither true nor false", """
                        <rule><name>halt</name><when>true</when><stop>maybe</stop></rule>""", "rule 'halt': stop:"),
                slip("a link that is no web address", """
                        <rule><name>docs</name><when>true</when><link>ftp://docs.example.com/{component}</link></rule>""",
                        "rule 'docs': link:"),
                slip("link text without a link", """
                        <rule><name>docs</name><when>true</when><linkText>Runbook</linkText></rule>""", "rule 'docs': linkText:"),
                slip("a template with an unclosed brace", """
                        <rule><name>owner</name><when>true</when><note>Owned by {mdc.team</note></rule>""", "rule 'owner': note:"),
                slip("a template with an unknown field", """
                        <rule><name>key</name><when>true</when><dedupKey>orders-{tenant}</dedupKey></rule>""",
                        "rule 'key': dedupKey:"),
                slip("dropping every detail", """
                        <rule><name>lean</name><when>true</when><dropDetails>*</dropDetails></rule>""", "rule 'lean': dropDetails:"),
                slip("a rule without a name", """
                        <rule><when>summary contains 'x'</when></rule>""", "rule #1: name:"),
                slip("two rules of one name", """
                        <rule><name>twice</name><when>true</when></rule>
                        <rule><name>twice</name><when>true</when><severity>info</severity></rule>""",
                        "rule 'twice': name:", "unique"),
                slip("a bad second rule after a good one", """
                        <rule><name>good</name><when>true</when><severity>info</severity></rule>
                        <rule><name>bad</name><when>severity in ()</when></rule>""", "rule 'bad': when:"),
                slip("a routing key that is no key", """
                        <rule><name>pay</name><when>true</when><routingKey>%s</routingKey></rule>""".formatted(BAD_KEY),
                        "rule 'pay': routingKey:", "32 letters and digits"),
                slip("a routing key in a variable that is not set", """
                        <rule><name>pay</name><when>true</when><routingKey>${PAYMENTS_SECRET}</routingKey></rule>""",
                        "rule 'pay': routingKey: is ${PAYMENTS_SECRET}, but the variable PAYMENTS_SECRET is not set"),
                slip("a window in a time zone that does not exist", """
                        <maintenance><name>backup</name><from>02:00</from><to>04:00</to><zone>Mars/Olympus</zone>
                        </maintenance>""", "maintenance window 'backup': zone:", "Mars/Olympus"),
                slip("a window with a malformed time", """
                        <maintenance><name>backup</name><from>2am</from><to>04:00</to></maintenance>""",
                        "maintenance window 'backup': from:"),
                slip("a window on a day that does not exist", """
                        <maintenance><name>backup</name><days>SAT,FUNDAY</days><from>02:00</from><to>04:00</to>
                        </maintenance>""", "maintenance window 'backup': days:", "FUNDAY"),
                slip("a window with an element that is no field", """
                        <maintenance><name>backup</name><form>02:00</form><to>04:00</to></maintenance>""",
                        "maintenance window 'backup': form: is not a field of a maintenance window"),
                slip("a window without a name", """
                        <maintenance><from>02:00</from><to>04:00</to></maintenance>""",
                        "maintenance window #1: name:"),
                slip("a flood threshold that is no number", """
                        <floodThreshold>lots</floodThreshold>""", "floodThreshold:", "lots"),
                slip("a negative flood threshold", """
                        <floodThreshold>-1</floodThreshold>""", "floodThreshold:"),
                slip("a flood period that is no duration", """
                        <floodThreshold>100</floodThreshold><floodPeriod>banana</floodPeriod>""",
                        "floodPeriod:", "banana"));
    }

    private static Arguments slip(String what, String body, String... said) {
        return Arguments.of(what, body, List.of(said));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void aSlipMakesANoOpAppenderWithOneErrorNamingTheRuleAndTheField(String what, String body, List<String> said) {
        TocsinAppender appender = logback.pager(api.endpoint(), ROUTING_KEY, body,
                Map.of("paymentsKey", "SecondInboxKeyForPaymentsTeam001"));
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.setContext(logback.context);
        list.start();
        logback.logger("ROOT").addAppender(list);

        logback.logger("com.example.Orders").error("still logged", new IllegalStateException("x"));

        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.client()).as("a no-op").isSameAs(Tocsin.noop());
        assertThat(appender.rules()).isEmpty();
        assertThat(logback.appenderErrors()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("is not paging").contains(said).doesNotContain(BAD_KEY).doesNotContain(ROUTING_KEY));
        // Logback's own complaints aside: its substitution reports an unclosed '{' too
        assertThat(logback.statuses(Status.ERROR)).filteredOn(e -> e.getOrigin() != appender)
                .allSatisfy(e -> assertThat(e.getOrigin().getClass().getName()).startsWith("ch.qos.logback."));
        assertThat(logback.messages()).noneMatch(m -> m.contains(BAD_KEY));
        assertThat(list.list).hasSize(1);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void rulesGivenBesideASharedClientAreNotUsedAndASingleWarningSaysSo() {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(logback.context);
        appender.setName("PAGER");
        appender.setTocsin(api.client());
        dev.tocsin.rules.RuleSpec rule = new dev.tocsin.rules.RuleSpec();
        rule.setName("noise");
        rule.setSuppress("always");
        appender.addRule(rule);
        appender.start();
        logback.logger("ROOT").addAppender(appender);

        logback.logger("com.example.Orders").error("order failed");

        assertThat(appender.client().flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(api.alertCount()).as("the shared client's rules, not the appender's").isEqualTo(1);
        assertThat(appender.rules()).isEmpty();
        assertThat(logback.statuses(Status.WARN)).singleElement().satisfies(w -> assertThat(w.getMessage())
                .contains("shares a client, which keeps its own rules").contains("<rule>"));
    }
}
