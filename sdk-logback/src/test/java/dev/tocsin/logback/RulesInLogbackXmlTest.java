package dev.tocsin.logback;

import static dev.tocsin.logback.LogbackXml.flushed;
import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.spi.Scrubbing;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Incident;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** Each action of a {@code <rule>} in logback.xml, from the logged event to what the inbox received. */
class RulesInLogbackXmlTest {
    /** A second PagerDuty service's integration key, for a rule's {@code routingKey}. */
    static final String PAYMENTS_KEY = "SecondInboxKeyForPaymentsTeam001";

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LogbackXml logback = new LogbackXml();

    @AfterEach
    void close() {
        logback.close();
    }

    private TocsinAppender pager(String rules) {
        TocsinAppender appender = logback.pager(api.endpoint(), ROUTING_KEY, rules, Map.of("paymentsKey", PAYMENTS_KEY));
        assertThat(logback.statuses(Status.WARN)).as("warnings and errors").isEmpty();
        return appender;
    }

    private List<String> summaries() {
        return api.inbox().incidents().stream().map(Incident::summary).toList();
    }

    private Incident incident(String summary) {
        return api.inbox().incidents().stream().filter(i -> i.summary().equals(summary)).findFirst().orElseThrow();
    }

    @Test
    void anExceptionIsSuppressedByItsTypeOrByACausesType() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>flaky-dns</name>
                  <when>exception == 'java.net.UnknownHostException' and mdc.env == 'staging'</when>
                  <suppress>always</suppress>
                </rule>
                """);
        MDC.put("env", "staging");
        logback.logger("com.example.Dns").error("lookup failed", new UnknownHostException("db.staging"));
        logback.logger("com.example.Orders").error("order failed",
                new IllegalStateException("no connection", new UnknownHostException("db.staging")));
        logback.logger("com.example.Orders").error("card declined", new IllegalArgumentException("expired"));
        MDC.put("env", "production");
        logback.logger("com.example.Dns").error("lookup failed in production", new UnknownHostException("db"));

        Tocsin client = flushed(appender);
        assertThat(client.stats().suppressed()).isEqualTo(2);
        assertThat(summaries()).containsExactlyInAnyOrder("card declined", "lookup failed in production");
        assertThat(appender.rules()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("flaky-dns"));
    }

    @Test
    void aRuleSetsTheSeverity() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>database</name>
                  <when>summary contains 'database'</when>
                  <severity>critical</severity>
                </rule>
                """);
        logback.logger("com.example.Orders").error("database unreachable");
        logback.logger("com.example.Orders").error("order failed");

        flushed(appender);
        assertThat(incident("database unreachable").severity()).isEqualTo("critical");
        assertThat(incident("order failed").severity()).isEqualTo("error");
    }

    @Test
    void aRoutingKeySendsToAnotherServiceAndIsNeverPrinted() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>payments</name>
                  <when>logger matches '^com\\.example\\.payments\\.'</when>
                  <routingKey>${paymentsKey}</routingKey>
                  <stop>true</stop>
                </rule>
                """);
        logback.logger("com.example.payments.Charges").error("charge failed");
        logback.logger("com.example.orders.Orders").error("order failed");

        flushed(appender);
        assertThat(incident("charge failed").routingKey()).isEqualTo(PAYMENTS_KEY);
        assertThat(incident("order failed").routingKey()).isEqualTo(ROUTING_KEY);
        assertThat(logback.messages()).noneMatch(m -> m.contains(PAYMENTS_KEY) || m.contains(ROUTING_KEY));
        // Logback 1.5 echoes what it substitutes: the appender masked the echo, as it does its own key's
        assertThat(logback.messages()).filteredOn(m -> m.contains("substituted for \"${paymentsKey}\""))
                .allMatch(m -> m.contains(Scrubbing.mask(PAYMENTS_KEY)));
        assertThat(appender.rules().toString()).doesNotContain(PAYMENTS_KEY);
    }

    @Test
    void pagerdutyIsTheRouteNameOfTheAppendersOwnDestination() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>pages</name>
                  <when>severity == error</when>
                  <route>pagerduty</route>
                </rule>
                """);
        logback.logger("com.example.Orders").error("order failed");

        Tocsin client = flushed(appender);
        assertThat(incident("order failed").routingKey()).isEqualTo(ROUTING_KEY);
        assertThat(api.alertCount()).as("one destination listed twice is one lane: sent once").isEqualTo(1);
        assertThat(client.destinationNames()).hasSize(1);
    }

    @Test
    void aLinkIsFilledFromTheEventAndTheMdc() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>runbook</name><when>true</when>
                  <link>https://runbooks.example.com/{component}?tenant={mdc.tenant}</link>
                  <linkText>Runbook</linkText>
                </rule>
                """);
        MDC.put("tenant", "acme corp");
        logback.logger("com.example.orders.Orders").error("order failed");

        flushed(appender);
        assertThat(incident("order failed").link("Runbook")).hasValueSatisfying(l -> assertThat(l.href())
                .isEqualTo("https://runbooks.example.com/Orders?tenant=acme%20corp"));
    }

    @Test
    void aNoteIsAddedToTheDetails() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>owner</name>
                  <when>mdc.team exists</when>
                  <note>Owned by the {mdc.team} team</note>
                </rule>
                """);
        MDC.put("team", "payments");
        logback.logger("com.example.Orders").error("order failed");

        flushed(appender);
        JsonNode notes = incident("order failed").details().path("notes");
        assertThat(notes.isArray()).isTrue();
        assertThat(notes.get(0).asText()).isEqualTo("Owned by the payments team");
    }

    @Test
    void aDedupKeyTemplateKeysIncidentsByAnMdcValue() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>per-tenant</name>
                  <when>logger == 'com.example.Orders'</when>
                  <dedupKey>orders-{mdc.tenant}</dedupKey>
                </rule>
                """);
        for (String tenant : new String[] {"acme", "globex", "acme"}) {
            MDC.put("tenant", tenant);
            logback.logger("com.example.Orders").error("order failed", new IllegalStateException("timeout"));
        }

        flushed(appender);
        assertThat(api.inbox().incidents()).extracting(Incident::dedupKey)
                .containsExactlyInAnyOrder("orders-acme", "orders-globex");
    }

    @Test
    void detailsAreDropped() {
        TocsinAppender appender = pager("""
                <mdcKeys>orderId,tenant</mdcKeys>
                <rule>
                  <name>lean</name><when>true</when>
                  <dropDetails>stack_trace, thread, mdc.*</dropDetails>
                </rule>
                """);
        MDC.put("orderId", "A-1");
        logback.logger("com.example.Orders").error("order failed", new IllegalStateException("timeout"));

        flushed(appender);
        JsonNode details = incident("order failed").details();
        assertThat(details.has("stack_trace")).isFalse();
        assertThat(details.has("thread")).isFalse();
        assertThat(details.has("mdc.orderId")).isFalse();
        assertThat(details.path("logger").asText()).isEqualTo("com.example.Orders");
        assertThat(details.has("exception")).isTrue();
    }

    @Test
    void aRuleThatStopsEndsTheEvaluation() {
        TocsinAppender appender = pager("""
                <rule>
                  <name>known</name>
                  <when>summary contains 'known issue'</when>
                  <severity>warning</severity>
                  <stop>true</stop>
                </rule>
                <rule>
                  <name>everything-else</name><when>true</when>
                  <severity>critical</severity>
                </rule>
                """);
        logback.logger("com.example.Orders").error("known issue: slow export");
        logback.logger("com.example.Orders").error("order failed");

        flushed(appender);
        assertThat(incident("known issue: slow export").severity()).isEqualTo("warning");
        assertThat(incident("order failed").severity()).isEqualTo("critical");
        assertThat(appender.rules()).extracting(r -> r.name()).containsExactly("known", "everything-else");
    }
}
