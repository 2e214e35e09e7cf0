package dev.tocsin.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for the PagerDuty Events API v2 on 127.0.0.1: it takes {@code /v2/enqueue} and
 * {@code /v2/change/enqueue}, answers as PagerDuty does (202, or 400 with {@code errors}), and keeps each
 * incident's state (triggered, acknowledged, resolved) by dedup key. For examples and local trials; it checks
 * what PagerDuty checks first, not everything. Thread-safe.
 */
public final class LocalEventsApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 512 * 1024;

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> incidents = new ConcurrentHashMap<>();
    private final Consumer<String> printer;

    private LocalEventsApi(HttpServer server, Consumer<String> printer) {
        this.server = server;
        this.printer = printer;
    }

    /**
     * Runs a receiver until the JVM is stopped (Ctrl-C), printing each event: the README's "Trying it locally"
     * receiver. The argument is the port on 127.0.0.1, 8080 by default; 0 picks a free one.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length == 0 ? 8080 : Integer.parseInt(args[0]);
        LocalEventsApi api = start(port, line -> System.out.println("[local Events API] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "local-events-api-stop"));
        System.out.println("[local Events API] listening: set TOCSIN_PAGERDUTY_ENDPOINT (or the appender's "
                + "<endpoint>) to " + api.enqueueUrl() + " and TOCSIN_ROUTING_KEY to any 32 letters and digits");
        new java.util.concurrent.CountDownLatch(1).await(); // until the JVM stops
    }

    /** Starts on a free port of 127.0.0.1; {@code printer} hears one line per event received. */
    public static LocalEventsApi start(Consumer<String> printer) throws IOException {
        return start(0, printer);
    }

    /** Starts on this port of 127.0.0.1 (0: a free one); {@code printer} hears one line per event received. */
    public static LocalEventsApi start(int port, Consumer<String> printer) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        LocalEventsApi api = new LocalEventsApi(http, printer);
        http.createContext("/v2/enqueue", api::alert);
        http.createContext("/v2/change/enqueue", api::change);
        http.start();
        return api;
    }

    /** The alert endpoint to configure, such as {@code http://127.0.0.1:41234/v2/enqueue}. */
    public String enqueueUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    /** Every accepted request body, in arrival order. */
    public List<JsonNode> received() {
        return new ArrayList<>(received);
    }

    /** The state of the incident with this dedup key: {@code triggered}, {@code acknowledged}, {@code resolved}. */
    public String incident(String dedupKey) {
        return incidents.get(dedupKey);
    }

    private void alert(HttpExchange exchange) throws IOException {
        JsonNode event = read(exchange);
        if (event == null) {
            return;
        }
        String action = event.path("event_action").asText();
        String key = event.path("dedup_key").asText();
        List<String> errors = new ArrayList<>();
        if (!event.path("routing_key").asText().matches("[A-Za-z0-9]{32}")) {
            errors.add("'routing_key' must be 32 alphanumeric characters");
        }
        if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' is invalid");
        }
        if (action.equals("trigger") && event.path("payload").path("summary").asText().isBlank()) {
            errors.add("'payload.summary' is missing or blank");
        }
        if (!errors.isEmpty()) {
            answer(exchange, 400, Map.of("status", "invalid event", "message", "Event object is invalid",
                    "errors", errors));
            return;
        }
        received.add(event);
        incidents.put(key, switch (action) {
            case "trigger" -> "triggered";
            case "acknowledge" -> "acknowledged";
            default -> "resolved";
        });
        printer.accept(String.format("%-11s %-40s %s", action, key,
                action.equals("trigger") ? event.path("payload").path("severity").asText() + ": "
                        + event.path("payload").path("summary").asText() : "-> " + incidents.get(key)));
        answer(exchange, 202, Map.of("status", "success", "message", "Event processed", "dedup_key", key));
    }

    private void change(HttpExchange exchange) throws IOException {
        JsonNode event = read(exchange);
        if (event == null) {
            return;
        }
        received.add(event);
        printer.accept(String.format("%-11s %s", "change", event.path("payload").path("summary").asText()));
        answer(exchange, 202, Map.of("status", "success", "message", "Change event processed"));
    }

    private JsonNode read(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            answer(exchange, 405, Map.of("status", "method not allowed"));
            return null;
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                answer(exchange, 413, Map.of("status", "request too large"));
                return null;
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            answer(exchange, 400, Map.of("status", "Unrecognized object", "message",
                    "Event object format is unrecognized", "errors", List.of("JSON parse error")));
            return null;
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
