package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.spi.WireRequest;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One event, or one failure while handling it, never ends delivery for the events after it. */
class DispatchIsolationTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static DeliveryResult outcome(java.util.concurrent.CompletionStage<DeliveryResult> stage)
            throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PendingAlert failingWith(Error error) {
        return new PendingAlert() {
            @Override
            public Alert toAlert() {
                throw error;
            }
        };
    }

    @Test
    void errorFromADependencyIsCountedAndTheNextCriticalIsDelivered() throws Exception {
        Tocsin tocsin = api.client();
        try (LogCapture logs = new LogCapture()) {
            assertThat(tocsin.offer(failingWith(new NoSuchMethodError("ArrayNode.isEmpty()")))).isTrue();

            DeliveryResult next = outcome(tocsin.trigger("primary database down", Severity.CRITICAL));

            assertThat(next.status()).isEqualTo(Status.DELIVERED);
            assertThat(tocsin.stats().internalErrors()).isEqualTo(1);
            assertThat(tocsin.stats().dispatcherRestarts()).isZero();
            assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("could not process an event")
                    && l.contains("NoSuchMethodError"));
        }
    }

    @Test
    void aDestinationWhoseEncoderThrowsSettlesItsPartAndTheOtherDestinationStillGetsTheEvent() throws Exception {
        Tocsin tocsin = api.track(api.builder().destination(new BrokenEncoder()).build());

        DeliveryResult result = outcome(tocsin.trigger("disk full", Severity.ERROR));

        assertThat(result.status()).isEqualTo(Status.DROPPED);
        assertThat(result.detail()).contains("could not be encoded for broken").contains("ExceptionInInitializerError");
        assertThat(tocsin.stats().delivered()).isEqualTo(1);
        assertThat(tocsin.stats().internalErrors()).isEqualTo(1);
        assertThat(outcome(tocsin.change(ChangeEvent.of("deployed 1.2.3"))).status()).isEqualTo(Status.DROPPED);
        assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aDispatchThreadThatDiesWhileReportingAFailureIsRestartedAndDeliveryGoesOn() throws Exception {
        Tocsin tocsin = api.client();
        ThrowingAppender hostile = new ThrowingAppender(2); // the event's report, then the loop's report
        Logger sdk = (Logger) LoggerFactory.getLogger("dev.tocsin");
        hostile.start();
        sdk.addAppender(hostile);
        try (LogCapture logs = new LogCapture()) {
            tocsin.offer(failingWith(new AssertionError("bug in a dependency")));
            await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().dispatcherRestarts() == 1);

            DeliveryResult next = outcome(tocsin.trigger("primary database down", Severity.CRITICAL));

            assertThat(next.status()).isEqualTo(Status.DELIVERED);
            assertThat(hostile.thrown.get()).isEqualTo(2);
            assertThat(tocsin.stats().internalErrors()).isEqualTo(2);
            assertThat(logs.lines()).filteredOn(l -> l.contains("dispatch thread failed and was restarted"))
                    .hasSize(1).allMatch(l -> l.startsWith("ERROR"));
            assertThat(tocsin.flush(Duration.ofSeconds(5))).isTrue();
        } finally {
            sdk.detachAppender(hostile);
        }
    }

    /** A logging back end that throws an {@link Error} on the SDK's first error reports, as a broken one might. */
    private static final class ThrowingAppender extends AppenderBase<ILoggingEvent> {
        private final int times;
        final AtomicInteger thrown = new AtomicInteger();

        ThrowingAppender(int times) {
            this.times = times;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel() == Level.ERROR && Thread.currentThread().getName().equals("tocsin-dispatch")
                    && thrown.get() < times) {
                thrown.incrementAndGet();
                throw new OutOfMemoryError("logging back end failed (test)");
            }
        }
    }

    /** A destination whose encoder fails the way a class-loading problem would. */
    private static final class BrokenEncoder implements Destination {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String laneKey() {
            return "broken";
        }

        @Override
        public WireRequest encode(Alert alert) {
            throw new ExceptionInInitializerError("static initialiser failed (test)");
        }

        @Override
        public WireRequest encode(ChangeEvent event) {
            throw new ExceptionInInitializerError("static initialiser failed (test)");
        }
    }
}
