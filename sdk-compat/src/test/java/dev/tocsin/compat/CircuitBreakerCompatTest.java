package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.spi.TocsinListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The breaker opens on 500s, events wait rather than drop, and the client's clock (not the wall clock) decides
 * when it half-opens: with every Resilience4j, whichever way it takes a clock.
 */
class CircuitBreakerCompatTest {
    @RegisterExtension
    final LocalReceiver receiver = new LocalReceiver();

    @Test
    void theBreakerOpensOn500sAndTheClientClockClosesItAgain() {
        receiver.answer(500);
        ManualClock clock = new ManualClock();
        List<String> transitions = new CopyOnWriteArrayList<>();
        Tocsin tocsin = receiver.track(receiver.client()
                .clock(clock)
                .circuitBreaker(CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(10))
                        .permittedNumberOfCallsInHalfOpenState(1).build())
                .listener(new TocsinListener() {
                    @Override
                    public void breakerStateChanged(String lane, String state) {
                        transitions.add(state);
                    }
                })
                .build());
        for (int i = 0; i < 5; i++) {
            tocsin.trigger(Alert.trigger("failure " + i).dedupKey("k" + i).build());
        }

        // The retries' backoff also runs on the client's clock: move it on a little until the breaker has seen
        // its four failures.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return tocsin.stats().openBreakers() == 1;
        });
        int whileOpen = receiver.requests();
        assertThat(whileOpen).isGreaterThanOrEqualTo(4);
        assertThat(tocsin.stats().outboxDepth()).as("events wait, not dropped").isEqualTo(5);
        assertThat(transitions).containsExactly("OPEN");

        receiver.answer(202);
        clock.advance(Duration.ofMinutes(11));

        // The limiter may read the same frozen clock (Resilience4j 2.4): keep it moving until all is delivered.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return tocsin.stats().delivered() == 5;
        });
        assertThat(tocsin.stats().delivered()).isEqualTo(5);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().openBreakers()).isZero();
        assertThat(transitions).containsExactly("OPEN", "HALF_OPEN", "CLOSED");
    }
}
