package dev.tocsin.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.internal.Digests;
import dev.tocsin.internal.Endpoints;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A plain JSON webhook: each event is POSTed as one JSON object ({@code type} alert or change,
 * {@code action}, {@code dedup_key}, {@code summary}, {@code source}, {@code severity}, {@code component},
 * {@code group}, {@code class}, {@code timestamp}, {@code details}, {@code links}). With a secret, the header
 * {@code X-Tocsin-Signature: sha256=<hex>} carries an HMAC-SHA256 of the body, so the receiver can tell the
 * request is genuine. Header values and the secret are never logged. Immutable and thread-safe.
 */
public final class WebhookDestination implements Destination {
    public static final String SIGNATURE_HEADER = "X-Tocsin-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Map<String, String> headers;
    private final byte[] secret;
    private final String name;

    private WebhookDestination(Builder b) {
        this.url = Endpoints.check("webhook.url", b.url, b.allowInsecureHttp);
        this.headers = Map.copyOf(b.headers);
        this.secret = b.secret == null ? null : b.secret.getBytes(StandardCharsets.UTF_8);
        this.name = "webhook(" + url.getHost() + ")";
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String laneKey() {
        return "webhook:" + Digests.sha256Hex(url.toString());
    }

    @Override
    public WireRequest encode(Alert a) {
        ObjectNode n = JSON.createObjectNode();
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
        return request(n);
    }

    @Override
    public WireRequest encode(ChangeEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "change");
        n.put("summary", e.summary());
        n.put("source", e.source());
        n.put("timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        n.set("details", JSON.valueToTree(e.details()));
        n.set("links", JSON.valueToTree(e.links()));
        return request(n);
    }

    private WireRequest request(ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("could not encode an event as JSON", ex);
        }
        return new WireRequest(url, bytes, headers(bytes));
    }

    /**
     * The request with the headers and signature of this destination as configured now: a dead letter keeps no
     * headers, and a token or secret may have been rotated since the request was first made. The signature covers
     * the body only (it holds no send time), so the same body gets the same signature under the same secret.
     */
    @Override
    public WireRequest reissue(WireRequest stored) {
        return new WireRequest(stored.uri(), stored.body(), headers(stored.body()));
    }

    private Map<String, String> headers(byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (secret != null) {
            h.put(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        }
        return h;
    }

    /** The hex HMAC-SHA256 of a body; receivers compute the same to check a request. */
    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link WebhookDestination}. Not thread-safe. */
    public static final class Builder {
        private String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String secret;
        private boolean allowInsecureHttp;

        private Builder() {
        }

        /** The URL to POST to; HTTPS unless loopback or {@link #allowInsecureHttp(boolean)}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** An extra request header, such as an authorization token; its value is never logged. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Signs every body with HMAC-SHA256 under this secret, in {@code X-Tocsin-Signature}. */
        public Builder hmacSecret(String secret) {
            this.secret = secret;
            return this;
        }

        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        public WebhookDestination build() {
            return new WebhookDestination(this);
        }
    }
}
