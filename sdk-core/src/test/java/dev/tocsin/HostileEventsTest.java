package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.testing.HostileDetails;
import dev.tocsin.testing.HostileThrowables;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One event must never end delivery: whatever it holds, the dispatch thread goes on, and the next critical alert
 * is delivered. Each test sends the hostile event, then a critical alert, on the same client.
 */
class HostileEventsTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private static DeliveryResult outcome(CompletionStage<DeliveryResult> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the stage did not complete in 5 s: tocsin-dispatch is likely dead");
        }
    }

    /** The hostile event's stage completes, and a critical alert after it is delivered. */
    private DeliveryResult survives(Tocsin tocsin, CompletionStage<DeliveryResult> hostile) throws Exception {
        DeliveryResult result = outcome(hostile);
        assertCriticalDelivered(tocsin);
        return result;
    }

    private static void assertCriticalDelivered(Tocsin tocsin) throws Exception {
        DeliveryResult critical = outcome(tocsin.trigger(Alert.trigger("database is down")
                .severity(Severity.CRITICAL).dedupKey("db-down").build()));
        assertThat(critical.status()).isEqualTo(Status.DELIVERED);
        assertThat(tocsin.flush(Duration.ofSeconds(5))).as("flush after a hostile event").isTrue();
    }

    @Test
    void cyclicDetailMapDoesNotKillDelivery() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin, tocsin.trigger(Alert.trigger("cache inconsistent")
                .detail("state", HostileDetails.selfMap()).build()));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void cyclicDetailListDoesNotKillDelivery() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin, tocsin.trigger(Alert.trigger("queue inconsistent")
                .detail("items", HostileDetails.selfList()).build()));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void bidirectionalEntityToStringDoesNotKillDelivery() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin, tocsin.trigger(Alert.trigger("order stuck")
                .detail("order", HostileDetails.entityPair()).build()));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void exceptionWhoseGetMessageRecursesIsStillPaged() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin,
                tocsin.trigger("payment failed", HostileThrowables.messageRecurses()));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alerts().get(0).path("payload").path("summary").asText()).isEqualTo("payment failed");
    }

    @Test
    void exceptionWhoseGetMessageThrowsAssertionErrorIsStillPaged() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin, tocsin.trigger(Alert.trigger("payment failed").build(),
                HostileThrowables.messageAsserts()));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void exceptionWithoutASummaryWhoseToStringRecursesIsStillPaged() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = survives(tocsin, tocsin.trigger((String) null,
                new HostileThrowables.Misbehaving(HostileThrowables.Behaviour.TO_STRING_RECURSES)));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alerts().get(0).path("payload").path("summary").asText()).isNotBlank();
    }

    @Test
    void errorFromADependencyDoesNotKillDelivery() throws Exception {
        Tocsin tocsin = api.client();
        assertThat(tocsin.offer(new PendingAlert() {
            @Override
            public Alert toAlert() {
                throw new NoSuchMethodError("com.example.Lib.render()Ljava/lang/String;");
            }
        })).isTrue();
        assertCriticalDelivered(tocsin);
        assertThat(tocsin.stats().internalErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void errorFromADependencyInAPendingAlertsKeyDoesNotKillDelivery() throws Exception {
        Tocsin tocsin = api.client();
        tocsin.offer(new PendingAlert() {
            @Override
            public String dedupKey() {
                throw new ExceptionInInitializerError("static init of a fingerprint library");
            }

            @Override
            public Alert toAlert() {
                return Alert.trigger("never built").build();
            }
        });
        assertCriticalDelivered(tocsin);
    }

}
