package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.testing.InboxFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Logback's status messages show of the routing key. With {@code <routingKey>${TOCSIN_ROUTING_KEY}</routingKey>},
 * Logback's variable substitution itself records {@code value "<key>" substituted for "${TOCSIN_ROUTING_KEY}"}
 * and prints every status when the configuration has a warning; the appender masks the key in what was recorded.
 * The configurations here have a warning on purpose (an unknown element), so that Logback would print them.
 */
class RoutingKeyStatusTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private void configure(String debug, String routingKeyElement) throws Exception {
        String xml = """
                <configuration debug="%s">
                  <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
                    %s
                    <endpoint>%s</endpoint>
                  </appender>
                  <appender name="BROKEN" class="ch.qos.logback.core.read.ListAppender">
                    <noSuchSetting>x</noSuchSetting>
                  </appender>
                  <root level="INFO"><appender-ref ref="PAGER"/></root>
                </configuration>""".formatted(debug, routingKeyElement, api.endpoint());
        context.putProperty("TOCSIN_ROUTING_KEY", ROUTING_KEY); // Logback looks variables up here first
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Everything Logback would print about this configuration: its status list, as StatusPrinter prints it. */
    private String printed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusPrinter2 printer = new StatusPrinter2();
        printer.setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8));
        printer.print(context);
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> messages() {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).toList();
    }

    @Test
    void aSubstitutedKeyIsMaskedInWhatLogbackPrints() throws Exception {
        configure("false", "<routingKey>${TOCSIN_ROUTING_KEY}</routingKey>");
        assertThat(new ch.qos.logback.core.status.StatusUtil(context).getHighestLevel(0))
                .as("a warning: Logback prints the statuses").isEqualTo(Status.WARN);
        String printed = printed();
        assertThat(printed).doesNotContain(ROUTING_KEY)
                .contains("value \"…0abc\" substituted for \"${TOCSIN_ROUTING_KEY}\"")
                .contains("Leave <routingKey> out and set the environment variable TOCSIN_ROUTING_KEY");
        assertThat(messages()).noneMatch(m -> m.contains(ROUTING_KEY));
        context.getLogger("com.example.Orders").error("order failed");
        TocsinAppender appender = (TocsinAppender) context.getLogger("ROOT").getAppender("PAGER");
        assertThat(appender.client().flush(java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(api.alerts()).singleElement()
                .satisfies(b -> assertThat(b.path("routing_key").asText()).isEqualTo(ROUTING_KEY));
    }

    @Test
    void withoutRoutingKeyNothingShowsTheKey() throws Exception {
        // The README's form; the test JVM's environment has no TOCSIN_ROUTING_KEY, the context property above is
        // not the environment, so the appender reports that it has no key. AppenderStartupTest runs it with one.
        assertThat(System.getenv("TOCSIN_ROUTING_KEY")).as("surefire leaves it out of the environment").isNull();
        configure("false", "");
        assertThat(printed()).doesNotContain(ROUTING_KEY).contains("TOCSIN_ROUTING_KEY is not set");
    }

    @Test
    void anUndefinedVariableIsReportedAsNotSetAndItsPlaceholderIsLeftAlone() throws Exception {
        assertThat(System.getenv("TOCSIN_ROUTING_KEY")).as("surefire leaves it out of the environment").isNull();
        configure("false", "<routingKey>${PD_ROUTING_KEY}</routingKey>");
        assertThat(printed()).doesNotContain(ROUTING_KEY)
                .contains("value \"PD_ROUTING_KEY_IS_UNDEFINED\" substituted for \"${PD_ROUTING_KEY}\"")
                .contains("the variable PD_ROUTING_KEY is not set").doesNotContain("32 letters")
                .doesNotContain("Leave <routingKey> out");
    }

    @Test
    void withDebugTheKeyWasPrintedBeforeTheAppenderSawItAndTheAppenderSaysHowToAvoidIt() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            configure("true", "<routingKey>${TOCSIN_ROUTING_KEY}</routingKey>");
        } finally {
            System.setOut(stdout);
        }
        // Logback's console listener printed the substitution at once; the statuses are left as they are.
        assertThat(messages()).anyMatch(m -> m.contains("status messages that were printed already")
                && m.contains("Leave <routingKey> out"));
    }
}
