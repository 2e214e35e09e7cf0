package dev.tocsin.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON body of a webhook request, and what a stored one says: its message id and, for a trigger, the fields
 * its acknowledge and resolve take on ({@link TriggerMemory}).
 */
final class WebhookPayloads {
    private static final ObjectMapper JSON = Json.MAPPER;

    private WebhookPayloads() {
    }

    static byte[] alert(String id, Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("type", "alert");
        n.put("action", a.action().name().toLowerCase(Locale.ROOT));
        n.put("dedup_key", a.dedupKey());
        n.put("summary", a.summary());
        n.put("source", a.source());
        n.put("severity", a.severity() == null ? null : a.severity().wireName());
        n.put("component", a.component());
        n.put("group", a.group());
        n.put("class", a.type());
        n.put("timestamp", a.timestamp() == null ? null : a.timestamp().toString());
        n.set("details", JSON.valueToTree(a.details()));
        n.set("links", JSON.valueToTree(a.links()));
        return bytes(n);
    }

    static byte[] change(String id, ChangeEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("type", "change");
        n.put("summary", e.summary());
        n.put("source", e.source());
        n.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        n.set("details", JSON.valueToTree(e.details()));
        n.set("links", JSON.valueToTree(e.links()));
        return bytes(n);
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not encode an event as JSON", ex);
        }
    }

    /**
     * What a stored body says.
     *
     * @param id its {@code id}, or {@code null} (a body made before bodies had one, or not one of ours)
     * @param dedupKey its {@code dedup_key}
     * @param trigger the fields of a trigger, {@code null} for anything else
     */
    record Stored(String id, String dedupKey, TriggerMemory.Fields trigger) {
        static final Stored NOTHING = new Stored(null, null, null);
    }

    /** Reads the top-level text fields of a stored body; never throws: a body it cannot read says nothing. */
    static Stored read(byte[] body) {
        Map<String, String> text = new HashMap<>();
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Stored.NOTHING;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    text.put(name, p.getText());
                } else {
                    p.skipChildren(); // details and links: nothing needed there
                }
            }
        } catch (IOException | RuntimeException e) {
            return Stored.NOTHING;
        }
        TriggerMemory.Fields trigger = "alert".equals(text.get("type")) && "trigger".equals(text.get("action"))
                ? new TriggerMemory.Fields(text.get("summary"), text.get("source"), severity(text.get("severity")),
                        text.get("component"), text.get("group"), text.get("class"))
                : null;
        return new Stored(text.get("id"), text.get("dedup_key"), trigger);
    }

    private static Severity severity(String wire) {
        for (Severity s : Severity.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
