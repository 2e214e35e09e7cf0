package dev.tocsin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/ping/abc")).willReturn(aResponse().withStatus(200).withBody("OK")));
        server.stubFor(get(urlEqualTo("/ping/abc/start")).willReturn(aResponse().withStatus(200).withBody("OK")));
        server.stubFor(get(urlEqualTo("/ping/abc/fail")).willReturn(aResponse().withStatus(200).withBody("OK")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void startThenEveryIntervalThenFail() {
        Heartbeat heartbeat = Heartbeat.start(server.baseUrl() + "/ping/abc", Duration.ofMillis(100), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat.sent() >= 3);
        heartbeat.fail(Duration.ofSeconds(5));
        server.verify(1, getRequestedFor(urlEqualTo("/ping/abc/start")));
        assertThat(server.findAll(getRequestedFor(urlEqualTo("/ping/abc")))).hasSizeGreaterThanOrEqualTo(2);
        server.verify(1, getRequestedFor(urlEqualTo("/ping/abc/fail")));
    }

    @Test
    void failedPingsAreRetriedQuietlyAndCounted() {
        server.stubFor(get(urlEqualTo("/ping/abc")).willReturn(aResponse().withStatus(503)));
        try (Heartbeat heartbeat = Heartbeat.start(server.baseUrl() + "/ping/abc", Duration.ofMillis(100), false)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> heartbeat.failed() >= 4);
            assertThat(heartbeat.sent()).isEqualTo(1); // the /start
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> Heartbeat.start("http://hc.example.com/x", Duration.ofMinutes(1), false))
                .hasMessageContaining("heartbeat.url").hasMessageContaining("https");
        assertThatThrownBy(() -> Heartbeat.start(server.baseUrl(), Duration.ZERO, false))
                .hasMessageContaining("heartbeat.interval");
    }
}
