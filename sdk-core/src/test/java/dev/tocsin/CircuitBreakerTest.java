package dev.tocsin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.event.Alert;
import dev.tocsin.spi.TocsinListener;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest extends PagerDutyWireMockTest {

    @Test
    void theBreakerOpensWhileTheDestinationFailsAndEventsWaitUntilItRecovers() {
        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(aResponse().withStatus(500)));
        List<String> transitions = new CopyOnWriteArrayList<>();
        Tocsin tocsin = track(fast()
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
        int whileOpen = alertRequests();
        assertThat(tocsin.stats().outboxDepth()).as("events wait, not dropped").isEqualTo(5);

        server.stubFor(post(urlPathEqualTo(ENQUEUE)).willReturn(accepted()));
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(tocsin.stats().delivered()).isEqualTo(5);
        assertThat(tocsin.stats().dropped()).isZero();
        assertThat(tocsin.stats().openBreakers()).isZero();
        assertThat(transitions).contains("OPEN", "HALF_OPEN", "CLOSED");
        assertThat(whileOpen).isGreaterThanOrEqualTo(4);
    }
}
