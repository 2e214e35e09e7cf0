package dev.tocsin.alertmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tocsin.Tocsin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two fake Alertmanager peers on 127.0.0.1 for one test ({@code @RegisterExtension}): {@code POST /api/v2/alerts}
 * answers 200 and {@code GET /api/v2/alerts} an empty list unless a test stubs otherwise. After the test, the clients
 * it registered are closed and every body either peer received, before a restart too, is checked against the
 * published API v2 contract.
 */
final class FakePeers implements BeforeEachCallback, AfterEachCallback {
    static final String ALERTS = "/api/v2/alerts";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer[] peers = new WireMockServer[2];
    private final int[] ports = new int[2];
    private final List<JsonNode> received = new ArrayList<>();
    private final List<Tocsin> clients = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        for (int i = 0; i < 2; i++) {
            peers[i] = started(new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()));
            ports[i] = peers[i].port();
        }
    }

    private static WireMockServer started(WireMockServer peer) {
        peer.start();
        peer.stubFor(post(urlPathEqualTo(ALERTS)).willReturn(aResponse().withStatus(200)));
        peer.stubFor(get(urlPathEqualTo(ALERTS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        return peer;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(Tocsin::close);
        for (int i = 0; i < 2; i++) {
            if (peers[i].isRunning()) {
                keepBodies(i);
                peers[i].stop();
            }
        }
        received.forEach(AlertmanagerContract::assertValid);
    }

    <T extends Tocsin> T register(T client) {
        clients.add(client);
        return client;
    }

    WireMockServer peer(int i) {
        return peers[i];
    }

    /** The peer's base URL, also while it is stopped. */
    String url(int i) {
        return "http://127.0.0.1:" + ports[i];
    }

    void stop(int i) {
        keepBodies(i);
        peers[i].stop();
    }

    /** Starts a stopped peer again on its port, with a fresh journal. */
    void restart(int i) {
        peers[i] = started(new WireMockServer(options().bindAddress("127.0.0.1").port(ports[i])));
    }

    private void keepBodies(int i) {
        received.addAll(bodies(i));
    }

    /** The request bodies the peer received since it (re)started, oldest first. */
    List<JsonNode> bodies(int i) {
        return peers[i].findAll(postRequestedFor(urlPathEqualTo(ALERTS))).stream().map(r -> read(r.getBody()))
                .toList();
    }

    /** The first alert of each body the peer received. */
    List<JsonNode> sent(int i) {
        return bodies(i).stream().map(b -> b.get(0)).toList();
    }

    /** The {@code filter} parameters of the peer's look-ups, one list per look-up. */
    List<List<String>> lookups(int i) {
        return peers[i].findAll(getRequestedFor(urlPathEqualTo(ALERTS))).stream()
                .map(r -> r.getQueryParams().containsKey("filter") ? r.getQueryParams().get("filter").values()
                        : List.<String>of())
                .toList();
    }

    static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
