package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.tocsin.Tocsin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * A logger context of its own, configured from a {@code logback.xml} text as Logback reads one at start-up (Joran),
 * with one {@code PAGER} appender on the root logger whose body the test writes. The context's properties
 * {@code ${key}} and {@code ${endpoint}} hold the routing key and the inbox. Close it after the test.
 */
final class LogbackXml implements AutoCloseable {
    final LoggerContext context = new LoggerContext();

    LogbackXml() {
        context.setMDCAdapter(MDC.getMDCAdapter()); // MDC.put in the test reaches this context
    }

    /** Configures {@code <appender name="PAGER">} with the key, the endpoint and {@code body}; returns it. */
    TocsinAppender pager(String endpoint, String key, String body) {
        return pager(endpoint, key, body, Map.of());
    }

    /** As {@link #pager(String, String, String)}, with more context properties for {@code ${...}} in the body. */
    TocsinAppender pager(String endpoint, String key, String body, Map<String, String> properties) {
        context.putProperty("key", key);
        context.putProperty("endpoint", endpoint);
        properties.forEach(context::putProperty);
        configure("""
                <configuration>
                  <appender name="PAGER" class="dev.tocsin.logback.TocsinAppender">
                    <routingKey>${key}</routingKey>
                    <endpoint>${endpoint}</endpoint>
                    <source>orders-host</source>
                %s
                  </appender>
                  <root level="DEBUG">
                    <appender-ref ref="PAGER"/>
                  </root>
                </configuration>
                """.formatted(body.indent(4)));
        TocsinAppender appender = (TocsinAppender) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender("PAGER");
        assertThat(appender).as("the appender Logback made").isNotNull();
        return appender;
    }

    /** Reads a whole configuration, as Logback does; the configurator itself must not throw. */
    void configure(String xml) {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            throw new AssertionError("Logback could not read the configuration", e);
        }
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    /** Every status of at least this level, in order. */
    List<Status> statuses(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() >= level).toList();
    }

    /** Every status's message, in order. */
    List<String> messages() {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Status::getMessage).toList();
    }

    /** The error statuses the appender reported. */
    List<Status> appenderErrors() {
        return statuses(Status.ERROR).stream().filter(s -> s.getOrigin() instanceof TocsinAppender).toList();
    }

    /** Waits until the appender's own client has settled everything it took. */
    static Tocsin flushed(TocsinAppender appender) {
        Tocsin client = appender.client();
        assertThat(client).as("the appender's client").isNotNull();
        assertThat(client.flush(Duration.ofSeconds(20))).as("flushed").isTrue();
        return client;
    }

    @Override
    public void close() {
        context.stop();
        MDC.clear();
    }
}
