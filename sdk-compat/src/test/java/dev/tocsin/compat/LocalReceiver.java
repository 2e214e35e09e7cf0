package dev.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Events API v2 on 127.0.0.1, one per test: the JDK's own HTTP server, so that no test library brings a
 * Jackson or a Jetty of its own onto a class path whose versions are the point of the test. It answers every
 * request with {@link #answer(int) the status set}, 202 at first, and keeps the bodies in arrival order.
 */
public final class LocalReceiver implements BeforeEachCallback, AfterEachCallback {
    /** A made-up integration key; it must never reach a log line, so tests never print it either. */
    public static final String ROUTING_KEY = "C0mpatKeyForTestsOnly00000000xyz";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private final List<Tocsin> clients = new ArrayList<>();
    private HttpServer server;
    private ExecutorService threads;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/v2/enqueue", this::handle);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            clients.forEach(Tocsin::close);
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int answer = status.get();
            byte[] body = (answer == 202
                    ? "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"k\"}"
                    : "{\"status\":\"error\",\"message\":\"HTTP " + answer + "\",\"errors\":[\"fake\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The status every later request is answered with. */
    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    public PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(endpoint()).build();
    }

    /** A builder aimed at this receiver, with short timings; the clients it builds are closed after the test. */
    public Tocsin.Builder client() {
        return Tocsin.builder()
                .destination(destination())
                .source("compat-host")
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .throttleBackoff(Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(2))
                .closeOnExit(false);
    }

    public Tocsin track(Tocsin client) {
        clients.add(client);
        return client;
    }

    public int requests() {
        return bodies.size();
    }

    /** The request bodies received so far, in arrival order. */
    public List<JsonNode> bodies() {
        List<JsonNode> out = new ArrayList<>();
        for (String body : bodies) {
            try {
                out.add(JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
