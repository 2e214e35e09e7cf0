package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The incident inbox's web page: {@code GET /} the page (resource {@code inbox.html}: incidents, change events,
 * Alertmanager alerts and the request log, live), {@code GET /inbox/api/state} everything the inbox holds as JSON
 * (routing keys shown by their last four characters; the newest 200 requests, {@code received} counting them all),
 * {@code GET /inbox/api/stream} a server-sent event each time that changes, {@code POST /inbox/api/clear} forgets it
 * all.
 */
final class WebPage {
    static final String STATE = "/inbox/api/state";
    static final String STREAM = "/inbox/api/stream";
    static final String CLEAR = "/inbox/api/clear";
    private static final int SHOWN_REQUESTS = 200;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final InboxState state;

    WebPage(InboxState state) {
        this.state = state;
    }

    void handle(HttpLoop.Request request, HttpLoop.Exchange exchange) throws IOException {
        String path = request.path();
        String method = request.method();
        if (method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
            byte[] page = InboxHandler.resource("inbox.html");
            exchange.respond(200, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                    "Content-Security-Policy", contentSecurityPolicy(page), "X-Content-Type-Options", "nosniff"), page);
        } else if (method.equals("GET") && path.equals(STATE)) {
            exchange.respond(200, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                    Json.MAPPER.writeValueAsBytes(state()));
        } else if (method.equals("GET") && path.equals(STREAM)) {
            stream(exchange.stream("text/event-stream"));
        } else if (method.equals("POST") && path.equals(CLEAR)) {
            state.clear();
            exchange.respond(204, Map.of(), new byte[0]);
        } else {
            exchange.respond(404, Map.of("Content-Type", "application/json"),
                    ("{\"message\":\"not found: " + PagerDutyRules.abbreviate(path).replace("\"", "'") + "\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** One event per change of the state, a comment every 15 s; ends when the page goes or the inbox closes. */
    private void stream(OutputStream out) throws IOException {
        long seen = state.version();
        InboxHandler.write(out, "retry: 1000\nevent: change\ndata: {\"version\":" + seen + "}\n\n");
        while (!Thread.currentThread().isInterrupted()) {
            long now;
            try {
                now = state.awaitChange(seen, KEEP_ALIVE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (now == seen) {
                InboxHandler.write(out, ": keep-alive\n\n");
            } else {
                seen = now;
                InboxHandler.write(out, "event: change\ndata: {\"version\":" + now + "}\n\n");
            }
        }
    }

    ObjectNode state() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", state.version()).put("received", state.received());
        ArrayNode incidents = root.putArray("incidents");
        for (Incident i : state.incidents()) {
            ObjectNode n = incidents.addObject();
            n.put("number", i.number()).put("routingKey", "…" + Secrets.tail(i.routingKey())).put("dedupKey", i.dedupKey())
                    .put("status", i.status().name().toLowerCase(java.util.Locale.ROOT)).put("severity", i.severity())
                    .put("summary", i.summary()).put("source", i.source()).put("component", i.component())
                    .put("group", i.group()).put("class", i.eventClass()).put("occurrences", i.occurrences())
                    .put("openedAt", i.openedAt().toString())
                    .put("resolvedAt", i.resolvedAt() == null ? null : i.resolvedAt().toString());
            n.set("details", i.details());
            n.set("links", links(i.links()));
            n.set("images", links(i.images()));
            ArrayNode timeline = n.putArray("timeline");
            for (Incident.TimelineEntry e : i.timeline()) {
                timeline.addObject().put("at", e.at().toString()).put("action", e.action()).put("summary", e.summary())
                        .put("severity", e.severity()).set("body", redacted(e.body()));
            }
        }
        ArrayNode changes = root.putArray("changes");
        for (Change c : state.changes()) {
            ObjectNode n = changes.addObject().put("routingKey", "…" + Secrets.tail(c.routingKey()))
                    .put("summary", c.summary()).put("source", c.source()).put("timestamp", c.timestamp())
                    .put("receivedAt", c.receivedAt().toString());
            n.set("details", c.details());
            n.set("links", links(c.links()));
            n.set("body", redacted(c.body()));
        }
        ArrayNode alerts = root.putArray("alerts");
        for (AlertmanagerAlert a : state.alertmanagerAlerts()) {
            ObjectNode n = alerts.addObject();
            n.putPOJO("labels", a.labels());
            n.putPOJO("annotations", a.annotations());
            n.put("startsAt", a.startsAt().toString()).put("endsAt", a.endsAt().toString())
                    .put("generatorURL", a.generatorUrl()).put("updates", a.updates())
                    .put("status", a.firing() ? "firing" : "resolved")
                    .put("lastReceivedAt", a.lastReceivedAt().toString());
        }
        ArrayNode requests = root.putArray("requests");
        List<ReceivedRequest> all = state.requests();
        for (ReceivedRequest r : all.subList(Math.max(0, all.size() - SHOWN_REQUESTS), all.size())) {
            ObjectNode n = requests.addObject().put("method", r.method()).put("target", r.target())
                    .put("status", r.status()).put("answer", r.answer()).put("receivedAt", r.receivedAt().toString());
            n.putPOJO("errors", r.errors());
            String text = Redaction.redact(r.bodyText());
            n.put("body", text.length() > 20_000 ? text.substring(0, 20_000) + "…" : text);
        }
        return root;
    }

    /**
     * The page's policy: its own inline script only (by its hash, so no injected script or event handler runs, should
     * a payload ever reach the page as HTML), requests to the inbox only, no images, frames or forms.
     */
    static String contentSecurityPolicy(byte[] page) {
        String html = new String(page, java.nio.charset.StandardCharsets.UTF_8);
        int open = html.indexOf("<script>");
        int close = html.indexOf("</script>", open);
        String script = open < 0 || close < 0 ? "" : html.substring(open + "<script>".length(), close);
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "default-src 'none'; script-src 'sha256-" + java.util.Base64.getEncoder().encodeToString(hash)
                    + "'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static ArrayNode links(List<Incident.Link> links) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        links.forEach(l -> out.addObject().put("href", l.href()).put("text", l.text()));
        return out;
    }

    /** A copy of a body with its routing key shown by the last four characters. */
    static JsonNode redacted(JsonNode body) {
        if (body instanceof ObjectNode o && o.has("routing_key")) {
            ObjectNode copy = o.deepCopy();
            copy.put("routing_key", "…" + Secrets.tail(o.get("routing_key").asText()));
            return copy;
        }
        return body;
    }
}
