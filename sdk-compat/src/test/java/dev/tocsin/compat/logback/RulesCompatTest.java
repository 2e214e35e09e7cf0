package dev.tocsin.compat.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.tocsin.compat.LocalReceiver;
import dev.tocsin.logback.TocsinAppender;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The appender's {@code <rule>}, {@code <maintenance>} and flood elements through the configurator (Joran) of this
 * run's Logback: it makes the nested beans from the adders' parameter types, and the warning it records for an
 * element that is no field (spelt {@code unkown} in 1.3.0) becomes the appender's one error.
 */
class RulesCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private TocsinAppender configure(String rules) throws Exception {
        context.putProperty("key", LocalReceiver.ROUTING_KEY);
        context.putProperty("endpoint", receiver.endpoint());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(("""
                <configuration>
                  <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
                    <routingKey>${key}</routingKey>
                    <endpoint>${endpoint}</endpoint>
                """ + rules + """
                  </appender>
                  <root level="INFO"><appender-ref ref="PAGER"/></root>
                </configuration>
                """).getBytes(StandardCharsets.UTF_8)));
        return (TocsinAppender) context.getLogger("ROOT").getAppender("PAGER");
    }

    private List<Status> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= level).toList();
    }

    @Test
    void rulesFromLogbackXmlApply() throws Exception {
        TocsinAppender appender = configure("""
                <rule>
                  <name>flaky-dns</name>
                  <when>exception == 'java.net.UnknownHostException'</when>
                  <suppress>always</suppress>
                </rule>
                <rule>
                  <name>orders</name>
                  <when>logger matches '^com\\.example\\.'</when>
                  <note>seen by {logger}</note>
                </rule>
                <maintenance>
                  <name>never-now</name><start>2000-01-01T00:00</start><end>2000-01-02T00:00</end>
                </maintenance>
                <floodThreshold>200</floodThreshold><floodPeriod>1 minute</floodPeriod>
                """);
        assertThat(statuses(Status.WARN)).isEmpty();
        assertThat(appender.rules()).extracting(r -> r.name()).containsExactly("flaky-dns", "orders");

        context.getLogger("com.example.Dns").error("lookup failed", new java.net.UnknownHostException("db"));
        context.getLogger("com.example.Orders").error("order failed");

        // one severity, so one lane sends them in order: had the first not been suppressed, it would come first
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() >= 1);
        assertThat(receiver.bodies()).singleElement().satisfies(b -> {
            assertThat(b.path("payload").path("summary").asText()).isEqualTo("order failed");
            assertThat(b.path("payload").path("custom_details").path("notes").get(0).asText())
                    .isEqualTo("seen by com.example.Orders");
        });
    }

    @Test
    void anElementThatIsNoFieldIsTheAppendersOneError() throws Exception {
        TocsinAppender appender = configure("""
                <rule><name>typo</name><when>true</when><sumary>x</sumary></rule>
                """);
        assertThat(appender.isStarted()).isTrue();
        assertThat(statuses(Status.ERROR)).singleElement().satisfies(s -> assertThat(s.getMessage())
                .contains("rule 'typo': sumary: is not a field of a rule"));
        context.getLogger("com.example.Orders").error("still logged");
        assertThat(receiver.requests()).isZero();
    }
}
