package dev.tocsin.logback;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When the appender's own client is built and closed: Logback stops appenders when its context stops or is reset,
 * and the appender closes the client it built then, delivering what is pending; started while SLF4J initialises,
 * it builds the client on its own thread once SLF4J is ready, holding what pages meanwhile.
 */
class AppenderLifecycleTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private final LoggerContext context = new LoggerContext();
    /** Whether SLF4J is still initialising, as the appender sees it. */
    private final AtomicBoolean slf4jStarting = new AtomicBoolean();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private TocsinAppender appender(boolean duringSlf4jStart) {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.env = Map.of("TOCSIN_ROUTING_KEY", ROUTING_KEY)::get;
        slf4jStarting.set(duringSlf4jStart);
        appender.slf4jStarting = slf4jStarting::get;
        appender.setEndpoint(api.endpoint());
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private static boolean closed(Tocsin client) {
        DeliveryResult r = client.trigger("after close", Severity.INFO).toCompletableFuture().join();
        return r.status() == DeliveryResult.Status.DROPPED && r.detail().contains("closed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stop", "reset"})
    void whenTheContextStopsOrIsResetTheClientTheAppenderBuiltIsClosedAfterDeliveringWhatIsPending(String how) {
        TocsinAppender appender = appender(false);
        Tocsin client = appender.client();
        assertThat(client).isNotNull().isNotSameAs(Tocsin.noop());
        context.getLogger("com.example.Orders").error("order failed just before shutdown");
        Consumer<LoggerContext> stop = how.equals("stop") ? LoggerContext::stop : LoggerContext::reset;
        stop.accept(context);

        assertThat(appender.isStarted()).as("Logback stopped the appender").isFalse();
        assertThat(appender.client()).isNull();
        assertThat(closed(client)).isTrue();
        assertThat(api.alerts()).singleElement().satisfies(b -> assertThat(b.path("payload").path("summary")
                .asText()).isEqualTo("order failed just before shutdown"));
    }

    @Test
    void aSharedClientOutlivesTheContext() {
        Tocsin shared = api.client();
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setTocsin(shared);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.stop();
        assertThat(appender.isStarted()).isFalse();
        assertThat(shared.trigger("still open", Severity.INFO).toCompletableFuture().join().status())
                .isEqualTo(DeliveryResult.Status.DELIVERED);
    }

    @Test
    void startedWhileSlf4jInitialisesItBuildsItsClientOnItsOwnThreadOnceSlf4jIsReady() {
        TocsinAppender appender = appender(true);
        assertThat(appender.client()).as("nothing built, nothing logged during initialisation").isNull();
        assertThat(context.getStatusManager().getCopyOfStatusList()).anyMatch(s -> s.getLevel() == Status.INFO
                && s.getMessage().contains("builds its client once SLF4J has finished initialising"));
        context.getLogger("com.example.Orders").warn("below the threshold");
        context.getLogger("com.example.Orders").error("order failed before the client exists");
        assertThat(appender.client()).as("the logging thread never builds the client").isNull();

        slf4jStarting.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> appender.client() != null);
        context.getLogger("com.example.Orders").error("order failed after");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.alertCount() == 2);
        assertThat(api.alerts()).extracting(b -> b.path("payload").path("summary").asText())
                .containsExactly("order failed before the client exists", "order failed after");
        assertThat(appender.getDroppedCount()).isZero();
        Tocsin client = appender.client();
        context.stop();
        assertThat(closed(client)).isTrue();
    }

    @Test
    void whatPagedBeforeADeferredBuildIsDeliveredWhenTheContextStopsFirst() {
        TocsinAppender appender = appender(true);
        context.getLogger("com.example.Orders").error("order failed during start-up");
        context.stop();

        assertThat(appender.client()).isNull();
        assertThat(api.alerts()).singleElement().satisfies(b -> assertThat(b.path("payload").path("summary")
                .asText()).isEqualTo("order failed during start-up"));
    }

    @Test
    void theHoldIsBoundedAndCountsWhatItCannotTake() {
        TocsinAppender appender = appender(true);
        for (int i = 0; i < AppenderClient.HELD + 5; i++) {
            context.getLogger("com.example.Orders").error("order " + i + " failed");
        }
        assertThat(appender.getDroppedCount()).isEqualTo(5);
        assertThat(appender.client()).isNull();
    }

    @Test
    void aDeferredAppenderThatNeverPagedBuildsNothingAndStopsCleanly() {
        TocsinAppender appender = appender(true);
        context.stop();
        assertThat(appender.isStarted()).isFalse();
        assertThat(appender.client()).isNull();
        context.getLogger("com.example.Orders").error("after stop");
        assertThat(appender.client()).isNull();
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aDeferredAppenderHandedOverToASharedClientNeverBuildsItsOwn() {
        TocsinAppender appender = appender(true);
        Tocsin shared = api.client();
        appender.handOver(shared);
        context.getLogger("com.example.Orders").error("order failed");
        assertThat(appender.client()).isSameAs(shared);
        assertThat(shared.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alertCount()).isEqualTo(1);
        context.stop();
        assertThat(closed(shared)).as("a shared client is its owner's to close").isFalse();
    }

    @Test
    void aDeferredAppenderWithABadKeyReportsItAtStart() {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.env = Map.<String, String>of()::get;
        appender.slf4jStarting = () -> true;
        appender.start();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getMessage().contains("not paging"));
        assertThat(appender.client()).isSameAs(Tocsin.noop());
    }

    @Test
    void aMisconfiguredAppenderSaysSoOnceAndCountsNoDrops() {
        TocsinAppender appender = new TocsinAppender();
        appender.setContext(context);
        appender.setName("PAGER");
        appender.env = Map.<String, String>of()::get;
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        for (int i = 0; i < 3; i++) {
            context.getLogger("com.example.Orders").error("order failed");
        }

        assertThat(appender.getDroppedCount()).isZero();
        assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getOrigin() == appender)
                .extracting(Status::getLevel).containsExactly(Status.ERROR);
    }

    @Test
    void manyThreadsPagingAtOnceAllPageThroughTheOneDeferredClient() throws Exception {
        TocsinAppender appender = appender(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                context.getLogger("com.example.Worker" + n).error("worker failed");
            }, "worker-" + i));
        }
        threads.forEach(Thread::start);
        go.countDown();
        slf4jStarting.set(false); // the build races with the workers' events
        for (Thread t : threads) {
            t.join(10_000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> appender.client() != null);
        assertThat(appender.client().flush(Duration.ofSeconds(10))).isTrue();
        assertThat(api.alertCount()).isEqualTo(8);
    }
}
