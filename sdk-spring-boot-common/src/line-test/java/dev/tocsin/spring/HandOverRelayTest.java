package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.spi.PendingAlert;
import dev.tocsin.testing.RecordingTocsin;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What the early appender and handler send while one client closes and the next opens is held, then passed on. */
class HandOverRelayTest {
    private final RecordingTocsin early = new RecordingTocsin();
    private final RecordingTocsin next = new RecordingTocsin();
    private final HandOverRelay relay = new HandOverRelay(early);

    private static Alert alert(String key) {
        return Alert.trigger(key).dedupKey(key).build();
    }

    @Test
    void theStartupReportSeesTheDestinationsOfTheClientTheRelayForwardsTo() {
        dev.tocsin.Tocsin named = (dev.tocsin.Tocsin) java.lang.reflect.Proxy.newProxyInstance(
                dev.tocsin.Tocsin.class.getClassLoader(), new Class<?>[] {dev.tocsin.Tocsin.class},
                (proxy, method, args) -> method.getName().equals("destinationNames")
                        ? java.util.List.of("pagerduty(…6b08)") : null);
        assertThat(new HandOverRelay(named).destinationNames()).containsExactly("pagerduty(…6b08)");
    }

    @Test
    void maintenanceWindowsAreTheClientsTheRelayForwardsTo() {
        try (dev.tocsin.Tocsin client = dev.tocsin.Tocsin.builder()
                .destination(dev.tocsin.pagerduty.PagerDutyDestination.builder().routingKey(TocsinAutoConfigurationTest.KEY)
                        .endpoint("http://127.0.0.1:9/v2/enqueue").build())
                .shutdownTimeout(Duration.ofMillis(200)).closeOnExit(false).build()) {
            HandOverRelay forwarding = new HandOverRelay(early);
            forwarding.release(client);
            dev.tocsin.rules.MaintenanceWindow w = forwarding.maintenance("deploy", Duration.ofMinutes(5),
                    dev.tocsin.rules.Condition.always());
            assertThat(w.active()).isTrue();
            assertThat(client.maintenanceWindows()).containsExactly(w);
            assertThat(forwarding.maintenanceWindows()).containsExactly(w);
        }
    }

    @Test
    void callsMadeWhileHeldReachTheNextClientInOrderAndTheirStagesComplete() {
        relay.trigger(alert("before"));
        relay.hold();
        CompletionStage<DeliveryResult> held = relay.trigger(alert("during-1"));
        relay.resolve("during-2");
        assertThat(held.toCompletableFuture()).isNotDone();

        relay.release(next);
        relay.trigger(alert("after"));

        assertThat(early.events()).containsExactly("trigger before");
        assertThat(next.events()).containsExactly("trigger during-1", "resolve during-2", "trigger after");
        assertThat(held.toCompletableFuture()).isCompletedWithValueMatching(DeliveryResult::delivered);
    }

    @Test
    void theHoldIsBoundedAndCountsWhatItDrops() {
        relay.hold();
        PendingAlert pending = () -> alert("logged");
        for (int i = 0; i < HandOverRelay.HOLD_LIMIT; i++) {
            assertThat(relay.offer(pending)).isTrue();
        }
        assertThat(relay.offer(pending)).isFalse();
        assertThat(relay.trigger(alert("x")).toCompletableFuture().join().status())
                .isEqualTo(DeliveryResult.Status.DROPPED);
        assertThat(relay.dropped()).isEqualTo(2);
    }

    @Test
    void persistWaitsForTheNextClient() throws Exception {
        relay.hold();
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean persisted = new AtomicBoolean();
        CompletableFuture<Void> dying = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            persisted.set(relay.persist(Duration.ofSeconds(10))); // as the uncaught-exception handler does
        });
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        relay.release(next);
        dying.get(10, TimeUnit.SECONDS);
        assertThat(persisted).isTrue();
        assertThat(relay.persist(Duration.ZERO)).isTrue();
    }

    @Test
    void persistGivesUpAtItsTimeoutWhileHeld() {
        relay.hold();
        assertThat(relay.persist(Duration.ofMillis(20))).isFalse();
    }
}
