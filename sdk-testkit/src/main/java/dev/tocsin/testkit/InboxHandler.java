package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Routes each request: to the faked services, through the injected answers, or to the web page and its data. */
final class InboxHandler implements HttpLoop.Handler {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final InboxState state;
    private final Function<Endpoint, Answer> answers;
    private final RateLimit rateLimit;
    private final WebPage page;

    InboxHandler(InboxState state, Function<Endpoint, Answer> answers, RateLimit rateLimit) {
        this.state = state;
        this.answers = answers;
        this.rateLimit = rateLimit;
        this.page = new WebPage(state);
    }

    @Override
    public void handle(HttpLoop.Request request, HttpLoop.Exchange exchange) throws IOException {
        Endpoint endpoint = Endpoint.of(request.method(), request.path());
        if (endpoint == null) {
            page.handle(request, exchange);
            return;
        }
        Instant at = state.now();
        if (endpoint == Endpoint.HEARTBEAT || endpoint == Endpoint.WEBHOOK || endpoint == Endpoint.ALERTMANAGER_LOOKUP) {
            anyMethod(endpoint, request, exchange, at);
            return;
        }
        if (!request.method().equals("POST")) {
            exchange.beforeAnswer(status -> record(request, endpoint, at, status, "normally",
                    List.of("method " + request.method() + " not allowed")));
            exchange.respond(405, Map.of("Allow", "POST"), new byte[0]);
            return;
        }
        JsonNode body = parse(request.body());
        List<String> errors = errors(endpoint, request.body(), body);
        Answer answer = answers.apply(endpoint);
        exchange.beforeAnswer(status -> record(request, endpoint, at, status, answer.toString(), errors));
        if (!delay(answer, exchange)) {
            return;
        }
        switch (answer.kind()) {
            case NORMALLY -> serve(endpoint, body, errors, exchange);
            case STATUS -> injected(answer, exchange);
            case RESET -> fault(exchange::reset);
            case HANG_UP -> fault(exchange::hangUp);
            case GARBAGE -> fault(exchange::garbage);
            case MALFORMED_CHUNK -> fault(exchange::malformedChunk);
        }
    }

    /** A ping ({@code OK}) or an Alertmanager look-up, or the injected answer. */
    private void anyMethod(Endpoint endpoint, HttpLoop.Request request, HttpLoop.Exchange exchange, Instant at)
            throws IOException {
        Answer answer = answers.apply(endpoint);
        exchange.beforeAnswer(status -> record(request, endpoint, at, status, answer.toString(), List.of()));
        if (!delay(answer, exchange)) {
            return;
        }
        switch (answer.kind()) {
            case NORMALLY -> {
                if (endpoint == Endpoint.WEBHOOK) {
                    exchange.respond(200, Map.of(), new byte[0]);
                } else if (endpoint == Endpoint.HEARTBEAT) {
                    exchange.respond(200, Map.of("Content-Type", "text/plain", "Ping-Body-Limit", "10000"),
                            "OK".getBytes(StandardCharsets.UTF_8));
                } else {
                    exchange.respond(200, JSON, AlertLookup.answer(state.alertmanagerAlerts(), request.query()));
                }
            }
            case STATUS -> injected(answer, exchange);
            case RESET -> fault(exchange::reset);
            case HANG_UP -> fault(exchange::hangUp);
            case GARBAGE -> fault(exchange::garbage);
            case MALFORMED_CHUNK -> fault(exchange::malformedChunk);
        }
    }

    /** Waits out the answer's delay; false if the inbox closed meanwhile (the connection is then hung up). */
    private static boolean delay(Answer answer, HttpLoop.Exchange exchange) throws IOException {
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.hangUp();
                return false;
            }
        }
        return true;
    }

    private interface Fault {
        void apply() throws IOException;
    }

    private static int fault(Fault fault) throws IOException {
        fault.apply();
        return 0;
    }

    private void record(HttpLoop.Request r, Endpoint endpoint, Instant at, int status, String answer,
            List<String> errors) {
        state.record(new ReceivedRequest(r.method(), r.target(), endpoint,
                java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(r.headers())), r.body(), at, status, answer,
                List.copyOf(errors)));
    }

    private static int injected(Answer answer, HttpLoop.Exchange exchange) throws IOException {
        byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.respond(answer.status(), answer.headers(), body);
        return answer.status();
    }

    static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** What the real service would refuse in this request; for Alertmanager, the batch's and each alert's. */
    private static List<String> errors(Endpoint endpoint, byte[] raw, JsonNode body) {
        switch (endpoint) {
            case EVENTS:
                return PagerDutyRules.alert(raw, body);
            case CHANGE_EVENTS:
                return PagerDutyRules.change(raw, body);
            default:
                String batch = AlertmanagerRules.unprocessable(body);
                if (batch != null) {
                    return List.of(batch);
                }
                List<String> errors = new ArrayList<>();
                for (JsonNode alert : body) {
                    errors.addAll(AlertmanagerRules.invalid(alert));
                }
                return errors;
        }
    }

    /** As the real service: validate, change the state, answer. */
    private int serve(Endpoint endpoint, JsonNode body, List<String> errors, HttpLoop.Exchange exchange)
            throws IOException {
        if (endpoint == Endpoint.ALERTMANAGER) {
            return alertmanager(body, errors, exchange);
        }
        if (!errors.isEmpty()) {
            ObjectNode refusal = Json.MAPPER.createObjectNode().put("status", "invalid event")
                    .put("message", "Event object is invalid");
            ArrayNode list = refusal.putArray("errors");
            errors.forEach(list::add);
            exchange.respond(400, JSON, Json.MAPPER.writeValueAsBytes(refusal));
            return 400;
        }
        if (!rateLimit.admit(body.get("routing_key").asText())) {
            exchange.respond(429, JSON, ("{\"status\":\"throttle event\",\"message\":\"Requests for this service are "
                    + "arriving too quickly. Please retry later.\"}").getBytes(StandardCharsets.UTF_8));
            return 429;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode().put("status", "success");
        if (endpoint == Endpoint.EVENTS) {
            answer.put("message", "Event processed").put("dedup_key", state.alert(body));
        } else {
            state.change(body);
            answer.put("message", "Change event processed");
        }
        exchange.respond(202, JSON, Json.MAPPER.writeValueAsBytes(answer));
        return 202;
    }

    private int alertmanager(JsonNode body, List<String> errors, HttpLoop.Exchange exchange) throws IOException {
        String batch = AlertmanagerRules.unprocessable(body);
        if (batch != null) {
            ObjectNode problem = Json.MAPPER.createObjectNode().put("code", 602).put("message", batch);
            exchange.respond(422, JSON, Json.MAPPER.writeValueAsBytes(problem));
            return 422;
        }
        for (JsonNode alert : body) { // the valid alerts of a batch are stored even when others are refused
            if (AlertmanagerRules.invalid(alert).isEmpty()) {
                state.alertmanager(alert);
            }
        }
        if (!errors.isEmpty()) {
            exchange.respond(400, JSON, Json.MAPPER.writeValueAsBytes(String.join("; ", errors)));
            return 400;
        }
        exchange.respond(200, Map.of(), new byte[0]);
        return 200;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = InboxHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
