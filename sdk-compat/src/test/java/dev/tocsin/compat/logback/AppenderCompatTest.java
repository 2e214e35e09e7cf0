package dev.tocsin.compat.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.compat.LibraryVersion;
import dev.tocsin.compat.LocalReceiver;
import dev.tocsin.logback.TocsinAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The appender, on the Logback of this run, pages for an error logged by the application. */
class AppenderCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();
    private final LoggerContext context = new LoggerContext();
    private final TocsinAppender appender = new TocsinAppender();

    @AfterEach
    void stop() {
        appender.stop();
        context.stop();
    }

    @Test
    void anErrorLoggedThroughLogbackPages() {
        assertThat(LibraryVersion.of(Logger.class, "logback")).isEqualTo(System.getProperty("tocsin.expected.logback"));
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setRoutingKey(LocalReceiver.ROUTING_KEY);
        appender.setEndpoint(receiver.endpoint());
        appender.setSource("compat-host");
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(s -> s.getLevel() == Status.ERROR);
        Logger logger = context.getLogger("com.example.Checkout");
        logger.setAdditive(false);
        logger.addAppender(appender);

        logger.warn("below the threshold: not paged");
        logger.error("payment {} failed", 42, new IllegalStateException("card declined"));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests() == 1);
        JsonNode body = receiver.bodies().get(0);
        assertThat(body.path("event_action").asText()).isEqualTo("trigger");
        assertThat(body.path("payload").path("summary").asText()).contains("payment 42 failed");
        assertThat(body.path("payload").path("severity").asText()).isEqualTo("error");
        assertThat(body.path("payload").path("source").asText()).isEqualTo("compat-host");
        assertThat(body.path("payload").path("custom_details").toString()).contains("card declined");
    }
}
