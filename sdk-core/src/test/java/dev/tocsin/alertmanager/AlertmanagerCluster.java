package dev.tocsin.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two real Alertmanager peers (Debian's {@code prometheus-alertmanager}) in a cluster on 127.0.0.1, with their
 * own storage and a webhook receiver that records notifications. Started and stopped by the tests, with time
 * limits on every wait.
 */
final class AlertmanagerCluster implements AutoCloseable {
    static final String BINARY = System.getProperty("tocsin.alertmanager.binary", "/usr/bin/prometheus-alertmanager");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Path dir;
    private final HttpServer receiver;
    private final int[] web = new int[2];
    private final int[] cluster = new int[2];
    private final Process[] peers = new Process[2];

    AlertmanagerCluster(Path dir) throws Exception {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's prometheus-alertmanager "
                    + "(.ci/run does) to run the Alertmanager tests");
        }
        this.dir = dir;
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/notify", exchange -> {
            JsonNode notification = JSON.readTree(exchange.getRequestBody().readAllBytes());
            notifications.add(notification);
            arrivals.add(java.time.Instant.now() + " " + notification.path("status").asText() + " "
                    + notification.path("groupLabels") + " from " + notification.path("externalURL").asText());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        for (int i = 0; i < 2; i++) {
            web[i] = freePort();
            cluster[i] = freePort();
        }
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: ['dedup_key']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/notify
                        send_resolved: true
                """.formatted(receiver.getAddress().getPort()));
        start(0);
        start(1);
        awaitReady(0);
        awaitReady(1);
    }

    String url(int peer) {
        return "http://127.0.0.1:" + web[peer];
    }

    void start(int peer) throws IOException {
        Path storage = Files.createDirectories(dir.resolve("peer-" + peer));
        List<String> cmd = new ArrayList<>(List.of(BINARY,
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + web[peer],
                "--cluster.listen-address=127.0.0.1:" + cluster[peer],
                "--cluster.advertise-address=127.0.0.1:" + cluster[peer],
                "--cluster.peer=127.0.0.1:" + cluster[1 - peer],
                "--cluster.peer-timeout=3s",
                "--cluster.gossip-interval=100ms",
                "--cluster.pushpull-interval=1s",
                "--cluster.settle-timeout=1s",
                "--log.level=warn"));
        peers[peer] = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("peer-" + peer + ".log").toFile()).start();
    }

    void stop(int peer) throws InterruptedException {
        peers[peer].destroy();
        if (!peers[peer].waitFor(10, TimeUnit.SECONDS)) {
            peers[peer].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills a peer as {@code kill -9} does: no goodbye to the cluster, no snapshot of its state. */
    void kill(int peer) throws InterruptedException {
        peers[peer].destroyForcibly();
        if (!peers[peer].waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Alertmanager peer " + peer + " did not die");
        }
    }

    void awaitReady(int peer) {
        org.awaitility.Awaitility.await("Alertmanager peer " + peer + " ready (log: " + dir + ")")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    try {
                        return HTTP.send(HttpRequest.newBuilder(URI.create(url(peer) + "/-/ready"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    /** The alerts a peer holds, from {@code GET /api/v2/alerts}. */
    List<JsonNode> alerts(int peer) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(peer) + "/api/v2/alerts"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(r.body()).forEach(out::add);
            return out;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The alert with this dedup key at a peer, or {@code null}. */
    JsonNode alert(int peer, String key) {
        return alerts(peer).stream().filter(a -> a.path("labels").path("dedup_key").asText().equals(key))
                .findFirst().orElse(null);
    }

    /** Firing notifications the receiver got for a key. */
    long firingNotifications(String key) {
        return notifications(key, "firing");
    }

    /** Notifications of a status ({@code firing}, {@code resolved}) the receiver got for a key. */
    long notifications(String key, String status) {
        return notifications.stream().filter(n -> n.path("status").asText().equals(status))
                .filter(n -> n.path("groupLabels").path("dedup_key").asText().equals(key)).count();
    }

    /** Every notification the receiver got, with its arrival time and the peer that sent it: for failure messages. */
    String describeNotifications() {
        return "notifications received: " + arrivals + "; peers' web ports: " + web[0] + ", " + web[1];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < 2; i++) {
            if (peers[i] != null && peers[i].isAlive()) {
                stop(i);
            }
        }
        receiver.stop(0);
    }
}
