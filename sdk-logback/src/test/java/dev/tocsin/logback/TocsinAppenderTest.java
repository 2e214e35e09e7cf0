package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.DedupKeys;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

class TocsinAppenderTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LoggerContext context = newContext();

    /** A context of its own, sharing the application's MDC so that {@code MDC.put} reaches it. */
    private static LoggerContext newContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        return context;
    }

    @AfterEach
    void stopContext() {
        context.stop();
        MDC.clear();
    }

    private void configure(String resource, String key) throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        if (key != null) {
            context.putProperty("key", key);
        }
        context.putProperty("endpoint", api.endpoint());
        configurator.doConfigure(getClass().getResource("/" + resource));
    }

    /** An appender on a fresh context, sharing a fast test client. */
    private TocsinAppender appender(Tocsin tocsin, String threshold) {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.setTocsin(tocsin);
        appender.setSource("orders-host");
        if (threshold != null) {
            appender.setThreshold(threshold);
        }
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }

    @Test
    void anErrorConfiguredInLogbackXmlPagesWithItsContext() throws Exception {
        configure("tocsin-appender.xml", ROUTING_KEY);
        Logger log = context.getLogger("com.example.orders.Orders");
        IllegalStateException failure = new IllegalStateException("payment gateway timeout",
                new java.net.SocketTimeoutException("read timed out"));
        MDC.put("orderId", "A-1001");
        MDC.put("password", "hunter2");
        log.error("Order {} failed for {}", 1001, "alice", failure);
        log.warn("only a warning"); // below the threshold

        await().atMost(Duration.ofSeconds(10)).until(() -> api.alertCount() == 1);
        JsonNode body = api.alerts().get(0);
        JsonNode payload = body.path("payload");
        assertThat(body.path("dedup_key").asText()).isEqualTo(DedupKeys.of(failure));
        assertThat(payload.path("summary").asText()).isEqualTo("Order 1001 failed for alice");
        assertThat(payload.path("severity").asText()).isEqualTo("error");
        assertThat(payload.path("source").asText()).isEqualTo("orders-host");
        assertThat(payload.path("component").asText()).isEqualTo("Orders");
        JsonNode details = payload.path("custom_details");
        assertThat(details.path("mdc.orderId").asText()).isEqualTo("A-1001");
        assertThat(details.has("mdc.password")).isFalse();
        assertThat(details.toString()).doesNotContain("hunter2");
        assertThat(details.path("logger").asText()).isEqualTo("com.example.orders.Orders");
        String stack = details.path("stack_trace").asText();
        assertThat(stack).contains("Caused by: java.net.SocketTimeoutException");
        assertThat(stack.lines().filter(l -> l.startsWith("\tat ")).count()).isLessThanOrEqualTo(10);
        assertThat(body.path("links").get(0).path("href").asText()).isEqualTo("https://runbooks.example.com/Orders");
    }

    @Test
    void thresholdAndMarkersDecideWhatPages() {
        appender(api.client(), null);
        Logger log = context.getLogger("com.example.Billing");
        log.warn("warning only");
        log.error(TocsinMarkers.NO_PAGE, "handled failure");
        log.warn(TocsinMarkers.PAGE, "replica lag high");
        log.error(TocsinMarkers.CRITICAL, "payments down");
        MDC.put("tocsin.severity", "critical");
        log.error("disk full");
        MDC.remove("tocsin.severity");

        await().atMost(Duration.ofSeconds(10)).until(() -> api.alertCount() == 3);
        assertThat(api.alerts()).extracting(b -> b.path("payload").path("summary").asText() + "/"
                + b.path("payload").path("severity").asText())
                // in any order: a lane sends the most severe waiting event first
                .containsExactlyInAnyOrder("replica lag high/warning", "payments down/critical", "disk full/critical");
    }

    @Test
    void aLowerThresholdPagesWarnings() {
        appender(api.client(), "WARN");
        context.getLogger("com.example.Billing").warn("slow responses");
        context.getLogger("com.example.Billing").info("all fine");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.alertCount() == 1);
        assertThat(api.alerts().get(0).path("payload").path("severity").asText()).isEqualTo("warning");
    }

    @Test
    void anArgumentWhoseToStringThrowsBecomesAPlaceholderAndNothingReachesStandardError() {
        Tocsin tocsin = api.client();
        appender(tocsin, null);
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("toString failed, password=hunter2");
            }
        };
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            context.getLogger("com.example.Orders").error("order {} failed", hostile);
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            System.setErr(stderr);
        }
        assertThat(api.alerts()).singleElement().satisfies(b -> assertThat(
                b.path("payload").path("summary").asText()).startsWith("order <unrenderable ").endsWith(" failed"));
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("hunter2");
    }

    @Test
    void theMessageTemplateKeysFailuresWithoutExceptions() {
        Tocsin tocsin = api.client();
        appender(tocsin, null);
        context.getLogger("com.example.Orders").error("order {} failed", 1);
        context.getLogger("com.example.Orders").error("order {} failed", 2);
        context.getLogger("com.example.Payments").error("order {} failed", 3);
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        List<String> keys = api.alerts().stream().map(b -> b.path("dedup_key").asText()).toList();
        assertThat(keys).hasSize(2).containsExactly(
                DedupKeys.ofMessage("com.example.Orders", "order {} failed"),
                DedupKeys.ofMessage("com.example.Payments", "order {} failed"));
        assertThat(tocsin.stats().coalesced()).isEqualTo(1);
    }

    @Test
    void anMdcKeySetsTheDedupKey() {
        Tocsin tocsin = api.client();
        appender(tocsin, null);
        MDC.put("tocsin.dedupKey", "orders/db");
        context.getLogger("com.example.Orders").error("database down");
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alerts().get(0).path("dedup_key").asText()).isEqualTo("orders/db");
    }

    @Test
    void theSameFailureOnTwoHostsIsOneKey() {
        Tocsin tocsin = api.client();
        appender(tocsin, null).setSource("host-a");
        RuntimeException failure = new IllegalStateException("pool exhausted");
        context.getLogger("com.example.Orders").error("failed", failure);
        LoggerContext other = newContext();
        try {
            TocsinAppender second = new TocsinAppender();
            second.setContext(other);
            second.setTocsin(tocsin);
            second.setSource("host-b");
            second.start();
            other.getLogger("ROOT").addAppender(second);
            RuntimeException again = new IllegalStateException("pool exhausted", null);
            again.setStackTrace(failure.getStackTrace());
            other.getLogger("com.example.Orders").error("failed", again);
        } finally {
            other.stop();
        }
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(tocsin.stats().coalesced()).as("one incident, not two").isEqualTo(1);
        assertThat(api.alertCount()).isEqualTo(1);
    }

    @Test
    void eventsFromTheSdkAndItsThreadsNeverPage() throws Exception {
        Tocsin tocsin = api.client();
        appender(tocsin, "DEBUG");
        context.getLogger("dev.tocsin.internal.outbox.Lane").error("the SDK's own trouble");
        Thread sdkThread = new Thread(() -> context.getLogger("com.example.X").error("logged on an SDK thread"),
                "tocsin-dispatch");
        sdkThread.start();
        sdkThread.join(5_000);
        context.getLogger("com.example.X").error("a real failure");
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alerts()).extracting(b -> b.path("payload").path("summary").asText())
                .containsExactly("a real failure");
    }

    @Test
    void theSdksOwnWarningsDoNotPageThroughTheGlobalContext() {
        // The appender sits on the application's real logging context, where the SDK logs too.
        LoggerContext global = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Tocsin tocsin = api.client();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(global);
        appender.setTocsin(tocsin);
        appender.setThreshold("WARN");
        appender.start();
        Logger root = global.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            api.answer(dev.tocsin.testkit.Answer.status(400));
            org.slf4j.LoggerFactory.getLogger("com.example.Orders").error("order failed");
            assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue(); // the SDK logs a WARN about the 400
            assertThat(tocsin.flush(Duration.ofSeconds(1))).isTrue();
            assertThat(api.alertCount()).isEqualTo(1);
        } finally {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void tenThousandIdenticalErrorsMakeAtMostTwoRequests() {
        Tocsin tocsin = api.client();
        appender(tocsin, null);
        Logger log = context.getLogger("com.example.Orders");
        RuntimeException failure = new IllegalStateException("connection refused");
        for (int i = 0; i < 10_000; i++) {
            log.error("order {} failed", i, failure);
        }
        tocsin.close();
        assertThat(api.alertCount()).isBetween(1, 2);
    }

    @Test
    void aMisconfiguredAppenderIsANoOpWithOneStatusErrorAndLoggingGoesOn() throws Exception {
        assertThat(System.getenv("TOCSIN_ROUTING_KEY")).as("surefire leaves it out of the environment").isNull();
        configure("tocsin-appender-no-key.xml", null);
        Logger log = context.getLogger("com.example.Orders");
        log.error("still logged", new IllegalStateException("x"));

        TocsinAppender appender = (TocsinAppender) context.getLogger("ROOT").getAppender("PAGER");
        assertThat(appender.isStarted()).isTrue();
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).toList();
        assertThat(errors).singleElement().satisfies(s -> assertThat(s.getMessage())
                .contains("not paging").contains("TOCSIN_ROUTING_KEY is not set"));
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("LIST");
        assertThat(list.list).hasSize(1);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aBadKeyIsReportedWithoutBeingPrinted() throws Exception {
        String badKey = "not-a-valid-key-but-a-secret-1234";
        configure("tocsin-appender.xml", badKey);
        List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == Status.ERROR).toList();
        assertThat(errors).singleElement().satisfies(s -> assertThat(s.getMessage())
                .contains("pagerduty.routingKey").doesNotContain(badKey).doesNotContain("secret"));
        context.getLogger("com.example.Orders").error("still fine");
    }

    @Test
    void aSharedClientIsNotClosedWhenTheAppenderStops() {
        Tocsin tocsin = api.client();
        TocsinAppender appender = appender(tocsin, null);
        appender.stop();
        assertThat(tocsin.trigger("still open", dev.tocsin.event.Severity.INFO).toCompletableFuture().join().status())
                .isEqualTo(dev.tocsin.event.DeliveryResult.Status.DELIVERED);
    }

    @Test
    void aQuietIncidentResolvesItselfWhenAskedTo() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setTocsin(api.client());
        appender.setClock(clock);
        appender.setAutoResolveAfter(ch.qos.logback.core.util.Duration.buildBySeconds(600));
        appender.start();
        context.getLogger("ROOT").addAppender(appender);

        context.getLogger("com.example.Orders").error("order failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("trigger") >= 1);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("resolve") >= 1);
        assertThat(api.alerts()).extracting(b -> b.path("dedup_key").asText()).containsOnly(
                api.alerts().get(0).path("dedup_key").asText());
    }

    /** Requests with this event action; a cold first request may time out and be sent twice. */
    private long requests(String action) {
        return api.alerts().stream().filter(b -> b.path("event_action").asText().equals(action)).count();
    }

    @Test
    void anIncidentThatKeepsFiringIsNotAutoResolved() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Tocsin tocsin = api.client();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setTocsin(tocsin);
        appender.setClock(clock);
        appender.setAutoResolveAfter(ch.qos.logback.core.util.Duration.buildBySeconds(600));
        appender.start();
        context.getLogger("ROOT").addAppender(appender);
        Logger log = context.getLogger("com.example.Orders");

        log.error("order failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("trigger") >= 1);
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        clock.advance(Duration.ofMinutes(6));
        log.error("order failed"); // a repeat, folded into the storm window: still an occurrence
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue(); // seen at minute 6, before time moves on
        assertThat(tocsin.stats().coalesced()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6)); // 12 minutes after the first, 6 after the last
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> requests("resolve") == 0);

        clock.advance(Duration.ofMinutes(5)); // now 11 minutes quiet
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("resolve") == 1);
    }
}
