package dev.tocsin.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.internal.text.Json;
import dev.tocsin.spi.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks a peer which alerts it holds that match some labels ({@code GET /api/v2/alerts?filter=...}), for a resolve
 * whose client may not know its trigger's whole label set (it was started after the trigger). One JDK
 * {@link HttpClient} for the destination's peers, made at the first look-up, on one SDK-owned daemon thread
 * ({@code tocsin-alertmanager-lookup}) that ends when idle. Thread-safe.
 */
final class ActiveAlerts {
    /** How long one look-up may take; past it the resolve goes out in the label set it has. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = Json.MAPPER;

    private final ReentrantLock lock = new ReentrantLock();
    private volatile HttpClient http;

    /** The alerts the peer holds that match every label given, active, silenced or inhibited (never resolved). */
    CompletableFuture<List<JsonNode>> matching(URI alerts, Map<String, String> labels) {
        HttpRequest request = HttpRequest.newBuilder(query(alerts, labels)).timeout(TIMEOUT).GET()
                .header("Accept", "application/json").build();
        return client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new LookupFailed("HTTP " + r.statusCode());
                    }
                    try {
                        List<JsonNode> out = new ArrayList<>();
                        JSON.readTree(r.body()).forEach(out::add);
                        return out;
                    } catch (IOException e) {
                        throw new LookupFailed("not a list of alerts: " + e.getMessage());
                    }
                });
    }

    /** {@code GET <alerts>?filter=name="value"&...}, each value quoted as Alertmanager's matchers want. */
    static URI query(URI alerts, Map<String, String> labels) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        labels.forEach((name, value) -> q.add("filter=" + URLEncoder.encode(name + "=\"" + quote(value) + "\"",
                StandardCharsets.UTF_8)));
        return URI.create(alerts + q.toString());
    }

    static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            lock.lock();
            try {
                c = http;
                if (c == null) {
                    ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(), DaemonThreads.named("tocsin-alertmanager-lookup"));
                    c = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                            .executor(executor).build();
                    http = c;
                }
            } finally {
                lock.unlock();
            }
        }
        return c;
    }

    /** A look-up that got no list of alerts. */
    static final class LookupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LookupFailed(String message) {
            super(message, null, false, false);
        }
    }
}
