package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The appender reads {@code TOCSIN_ROUTING_KEY} when {@code <routingKey>} is not set, and an undefined Logback
 * variable ({@code NAME_IS_UNDEFINED}) is reported as a variable that is not set, not as a malformed key.
 */
class RoutingKeyFromEnvironmentTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static final String OTHER_KEY = "0therKeyForTestsOnly000000000xyz";
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    /** An owned-client appender on this test's server, its environment holding {@code variables} only. */
    private TocsinAppender appender(String routingKey, Map<String, String> variables) {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.env = variables::get;
        if (routingKey != null) {
            appender.setRoutingKey(routingKey);
        }
        appender.setEndpoint(api.endpoint());
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private String pagedWithKey(TocsinAppender appender) {
        context.getLogger("com.example.Orders").error("order failed");
        assertThat(appender.client().flush(Duration.ofSeconds(10))).isTrue();
        return api.alerts().get(0).path("routing_key").asText();
    }

    private List<String> errors() {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == Status.ERROR)
                .map(Status::getMessage).toList();
    }

    @Test
    void withoutRoutingKeyTheEnvironmentVariableIsRead() {
        TocsinAppender appender = appender(null, Map.of("TOCSIN_ROUTING_KEY", ROUTING_KEY));
        assertThat(pagedWithKey(appender)).isEqualTo(ROUTING_KEY);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aConfiguredRoutingKeyWinsOverTheEnvironment() {
        TocsinAppender appender = appender(ROUTING_KEY, Map.of("TOCSIN_ROUTING_KEY", OTHER_KEY));
        assertThat(pagedWithKey(appender)).isEqualTo(ROUTING_KEY);
    }

    @Test
    void anUndefinedVariableWithTheEnvironmentSetUsesTheEnvironment() {
        TocsinAppender appender = appender("PD_KEY_IS_UNDEFINED", Map.of("TOCSIN_ROUTING_KEY", ROUTING_KEY));
        assertThat(pagedWithKey(appender)).isEqualTo(ROUTING_KEY);
    }

    @Test
    void anUndefinedTocsinRoutingKeySaysTheVariableIsNotSet() {
        TocsinAppender appender = appender("TOCSIN_ROUTING_KEY_IS_UNDEFINED", Map.of());
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.client()).isSameAs(dev.tocsin.Tocsin.noop());
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .contains("not paging")
                .contains("the variable TOCSIN_ROUTING_KEY is not set")
                .doesNotContain("32 letters").doesNotContain("malformed").doesNotContain("neither"));
        context.getLogger("com.example.Orders").error("still logged");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anotherUndefinedVariableNamesBoth() {
        appender("PD_KEY_IS_UNDEFINED", Map.of());
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .contains("the variable PD_KEY is not set").contains("neither is the environment variable "
                        + "TOCSIN_ROUTING_KEY"));
    }

    @Test
    void noKeyAnywhereSaysWhereToPutOne() {
        appender("  ", Map.of());
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .contains("no routing key").contains("TOCSIN_ROUTING_KEY is not set"));
    }

    @Test
    void anEmptyVariableIsCalledEmptyNotUnset() {
        appender(null, Map.of("TOCSIN_ROUTING_KEY", " "));
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .contains("no routing key").contains("TOCSIN_ROUTING_KEY is empty").doesNotContain("not set"));
    }

    @Test
    void aMalformedKeyFromTheEnvironmentIsReportedWithoutBeingShown() {
        String secretLooking = "not-a-key-but-secret-9876";
        appender(null, Map.of("TOCSIN_ROUTING_KEY", secretLooking));
        assertThat(errors()).singleElement().satisfies(e -> assertThat(e)
                .contains("pagerduty.routingKey").doesNotContain(secretLooking).doesNotContain("9876"));
    }
}
