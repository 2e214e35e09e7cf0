package dev.tocsin.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Digests;
import dev.tocsin.internal.text.Json;
import dev.tocsin.internal.text.Text;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Endpoints;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.util.Map;

/**
 * A Slack incoming webhook: alerts as chat messages, for what should reach a channel but not wake anyone.
 * Pair it with {@link dev.tocsin.Destinations#forSeverities} to send warnings and info here while critical and
 * error page. The webhook URL holds a secret token, so only its host is ever shown. Immutable and thread-safe.
 */
public final class SlackDestination implements Destination {
    static final int MAX_TEXT = 3000;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final URI url;

    private SlackDestination(URI url) {
        this.url = url;
    }

    /** A destination for an incoming-webhook URL ({@code https://hooks.slack.com/services/…}). */
    public static SlackDestination of(String webhookUrl) {
        return new SlackDestination(Endpoints.check("slack.webhookUrl", webhookUrl, false));
    }

    @Override
    public String name() {
        return "slack(" + url.getHost() + ")";
    }

    @Override
    public String laneKey() {
        return "slack:" + Digests.sha256Hex(url.toString());
    }

    @Override
    public WireRequest encode(Alert a) {
        String text = switch (a.action()) {
            case TRIGGER -> icon(a.severity()) + " *[" + (a.severity() == null ? "ERROR" : a.severity().name())
                    + "]* " + escape(a.summary());
            case ACKNOWLEDGE -> ":eyes: Acknowledged: `" + escape(a.dedupKey()) + "`";
            case RESOLVE -> ":white_check_mark: Resolved: `" + escape(a.dedupKey()) + "`";
        };
        ObjectNode body = JSON.createObjectNode();
        body.put("text", Text.line(text, MAX_TEXT));
        if (a.action() == Action.TRIGGER) {
            ArrayNode attachments = body.putArray("attachments");
            ObjectNode at = attachments.addObject();
            at.put("color", color(a.severity()));
            ArrayNode fields = at.putArray("fields");
            field(fields, "Source", a.source());
            field(fields, "Component", a.component());
            field(fields, "Key", a.dedupKey());
            for (Map.Entry<String, Object> d : a.details().entrySet()) {
                if (fields.size() < 10 && !d.getKey().equals("stack_trace")) {
                    field(fields, d.getKey(), String.valueOf(d.getValue()));
                }
            }
            for (Link link : a.links()) {
                field(fields, link.text() == null ? "Link" : link.text(), "<" + link.href() + ">");
            }
        }
        return request(body);
    }

    @Override
    public WireRequest encode(ChangeEvent e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", Text.line(":rocket: " + escape(e.summary()), MAX_TEXT));
        return request(body);
    }

    private WireRequest request(ObjectNode body) {
        try {
            return new WireRequest(url, JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not encode a Slack message", ex);
        }
    }

    private static void field(ArrayNode fields, String title, String value) {
        if (value != null && !value.isBlank()) {
            fields.addObject().put("title", title).put("value", Text.line(value, 500)).put("short", true);
        }
    }

    /** Slack's three control characters in message text. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String icon(Severity s) {
        return s == Severity.CRITICAL ? ":rotating_light:" : s == Severity.WARNING ? ":warning:"
                : s == Severity.INFO ? ":information_source:" : ":red_circle:";
    }

    private static String color(Severity s) {
        return s == Severity.CRITICAL ? "#b00020" : s == Severity.WARNING ? "#f2c744"
                : s == Severity.INFO ? "#439fe0" : "#e01e5a";
    }

    @Override
    public String toString() {
        return name();
    }
}
