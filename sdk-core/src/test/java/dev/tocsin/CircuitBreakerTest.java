package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.Alert;
import dev.tocsin.spi.TocsinListener;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CircuitBreakerTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void theBreakerOpensWhileTheDestinationFailsAndEventsWaitUntilItRecovers() {
        api.answer(Answer.status(500));
        List<String> transitions = new CopyOnWriteArrayList<>();
        Tocsin tocsin = api.track(api.builder()
                .circuitBreaker(CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMillis(300))
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

        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().openBreakers() == 1);
        int whileOpen = api.alertCount();
        assertThat(tocsin.stats().outboxDepth()).as("events wait, not dropped").isEqualTo(5);

        api.answer(Answer.normally());
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(tocsin.stats().delivered()).isEqualTo(5);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().openBreakers()).isZero();
        assertThat(transitions).contains("OPEN", "HALF_OPEN", "CLOSED");
        assertThat(whileOpen).isGreaterThanOrEqualTo(4);
    }
}
