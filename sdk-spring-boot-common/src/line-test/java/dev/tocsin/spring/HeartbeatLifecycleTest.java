package dev.tocsin.spring;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The heartbeat runs from the ready event until stopped, and says so truthfully to Spring's lifecycle. */
class HeartbeatLifecycleTest {
    private WireMockServer server;
    private HeartbeatLifecycle lifecycle;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        TocsinProperties.Heartbeat settings = new TocsinProperties.Heartbeat();
        settings.setUrl(server.baseUrl() + "/ping/orders");
        settings.setInterval(Duration.ofMinutes(1));
        lifecycle = new HeartbeatLifecycle(settings);
    }

    @AfterEach
    void stop() {
        lifecycle.stop();
        server.stop();
    }

    @Test
    void isRunningIsFalseAfterStop() {
        lifecycle.start(); // the context starts it before it is ready: no ping yet
        assertThat(lifecycle.isRunning()).isFalse();

        lifecycle.onApplicationEvent(null);
        assertThat(lifecycle.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.findAll(getRequestedFor(urlEqualTo("/ping/orders/start"))).size() == 1);

        lifecycle.stop();
        assertThat(lifecycle.isRunning()).isFalse();
    }

    @Test
    void aContextStartedAgainAfterAStopPingsAgain() {
        lifecycle.onApplicationEvent(null);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.findAll(getRequestedFor(urlEqualTo("/ping/orders/start"))).size() == 1);
        lifecycle.stop();
        lifecycle.start();
        assertThat(lifecycle.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.findAll(getRequestedFor(urlEqualTo("/ping/orders/start"))).size() == 2);
    }
}
