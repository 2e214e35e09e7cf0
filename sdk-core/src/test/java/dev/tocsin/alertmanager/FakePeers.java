package dev.tocsin.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.Tocsin;
import dev.tocsin.testkit.Endpoint;
import dev.tocsin.testkit.IncidentInbox;
import dev.tocsin.testkit.ReceivedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two Alertmanager peers for one test ({@code @RegisterExtension}): two of the testkit's inboxes on 127.0.0.1, which
 * store alerts and answer look-ups as Alertmanager does. After the test, the clients it registered are closed, and
 * every body either peer received, before a restart too, is checked against the published API v2 contract and the
 * inbox's own checks.
 */
final class FakePeers implements BeforeEachCallback, AfterEachCallback {
    static final String ALERTS = Endpoint.ALERTMANAGER.path();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IncidentInbox[] peers = new IncidentInbox[2];
    /** How many requests each peer had received when the test's own began: those before were {@link #hold}s. */
    private final int[] held = new int[2];
    private final List<Tocsin> clients = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        for (int i = 0; i < 2; i++) {
            peers[i] = IncidentInbox.start();
        }
        Arrays.fill(held, 0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(Tocsin::close);
        for (int i = 0; i < 2; i++) {
            peers[i].close();
            bodies(i).forEach(AlertmanagerContract::assertValid);
            List<ReceivedRequest> invalid = peers[i].invalidRequests();
            if (!invalid.isEmpty()) {
                throw new AssertionError("peer " + i + " would refuse " + invalid);
            }
        }
    }

    <T extends Tocsin> T register(T client) {
        clients.add(client);
        return client;
    }

    /** The inbox behind peer {@code i}: its answers, its alerts. */
    IncidentInbox peer(int i) {
        return peers[i];
    }

    /** The peer's base URL, also while it is stopped. */
    String url(int i) {
        return peers[i].url();
    }

    void stop(int i) {
        peers[i].stop();
    }

    /** Starts a stopped peer again on its port, with what it held and received. */
    void restart(int i) {
        peers[i].restart();
    }

    /** Has peer {@code i} hold these alerts, as a previous run sent them; they are not among its {@link #bodies}. */
    void hold(int i, String alerts) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(i) + ALERTS))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(alerts)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("peer " + i + " refused the held alerts: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        held[i] = peers[i].requests(Endpoint.ALERTMANAGER).size();
    }

    /** The request bodies the peer received (a restart does not forget them), oldest first. */
    List<JsonNode> bodies(int i) {
        List<ReceivedRequest> all = peers[i].requests(Endpoint.ALERTMANAGER);
        return all.subList(held[i], all.size()).stream().map(r -> read(r.body())).toList();
    }

    /** The first alert of each body the peer received. */
    List<JsonNode> sent(int i) {
        return bodies(i).stream().map(b -> b.get(0)).toList();
    }

    /** The {@code filter} parameters of the peer's look-ups, one list per look-up. */
    List<List<String>> lookups(int i) {
        return peers[i].requests(Endpoint.ALERTMANAGER_LOOKUP).stream()
                .map(r -> r.target().contains("?") ? Arrays.stream(r.target().substring(r.target().indexOf('?') + 1)
                        .split("&")).filter(p -> p.startsWith("filter="))
                        .map(p -> URLDecoder.decode(p.substring(7), StandardCharsets.UTF_8)).toList() : List.<String>of())
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
