package dev.tocsin.webhook;

import dev.tocsin.event.Action;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.internal.text.Digests;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Endpoints;
import dev.tocsin.spi.Resending;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A plain JSON webhook: each event is POSTed as one JSON object ({@code id}, {@code type} alert or change,
 * {@code action}, {@code dedup_key}, {@code summary}, {@code source}, {@code severity}, {@code component},
 * {@code group}, {@code class}, {@code timestamp}, {@code details}, {@code links}).
 *
 * <p><b>Headers.</b> Every request carries {@code webhook-id} (the message id, also the body's {@code id}: the same
 * for every attempt of one delivery, for the receiver's idempotency) and {@code webhook-timestamp} (Unix seconds,
 * made again whenever the request is reissued). With a {@link Builder#secret(String) secret}, it is signed as
 * <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> says ({@code webhook-signature: v1,<base64>}
 * over {@code <id>.<timestamp>.<body>}), or, with {@link SignatureScheme#HUB_SIGNATURE_256}, GitHub's way
 * ({@code X-Hub-Signature-256: sha256=<hex>} over the body). Receivers check either with {@link WebhookVerifier}.
 *
 * <p><b>Acknowledges and resolves</b> carry the severity, source, summary, component, group and class of their
 * key's last trigger (their own summary, component, group and class where they have them), so a receiver that
 * routes on those sends them where the trigger went. The destination remembers up to
 * 10,000 keys ({@link Builder#rememberTriggers(int)}) and about 8 MB, least recently
 * used first out, in memory only: after a restart it knows again the triggers the spool replays, not those
 * delivered before; an acknowledge or resolve of a key it does not know carries its own fields only.
 *
 * <p>Header values and the secret are never logged or shown. Thread-safe; the trigger memory is its only state.
 */
public final class WebhookDestination implements Destination {
    /** The message id: one per delivery, the same on every attempt. */
    public static final String ID_HEADER = "webhook-id";
    /** When the request was sent, in Unix seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The Standard Webhooks signature: {@code v1,<base64>}. */
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** GitHub's body signature: {@code sha256=<hex>}. */
    public static final String HUB_SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final List<String> OWN_HEADERS = List.of(ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER,
            HUB_SIGNATURE_HEADER);
    /** What a message id read back may look like: no dot, which would blur the signed {@code id.timestamp.body}. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** This destination's re-send policy: its two {@code reissue} methods. */
    private final Resending resending = new Resending() {
        @Override
        public WireRequest reissue(WireRequest stored) {
            return WebhookDestination.this.reissue(stored);
        }

        @Override
        public WireRequest reissue(WireRequest request, java.time.Instant now) {
            return WebhookDestination.this.reissue(request, now);
        }
    };
    private final URI url;
    private final Map<String, String> headers;
    private final Signer signer;
    private final Clock clock;
    private final TriggerMemory triggers;
    private final String name;

    private WebhookDestination(Builder b) {
        this.url = Endpoints.check("webhook.url", b.url, b.allowInsecureHttp);
        this.headers = Map.copyOf(b.headers);
        if (b.scheme != null && b.secret == null) {
            throw new IllegalArgumentException("tocsin: webhook.signatureScheme is set but webhook.secret is not");
        }
        this.signer = b.secret == null ? null
                : Signer.of(b.scheme == null ? SignatureScheme.STANDARD_WEBHOOKS : b.scheme, b.secret, "webhook.secret");
        this.clock = b.clock;
        this.triggers = new TriggerMemory(b.rememberTriggers, TriggerMemory.MAX_CHARS);
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
        Alert send = a;
        if (a.action() == Action.TRIGGER) {
            triggers.remember(a.dedupKey(), TriggerMemory.Fields.of(a));
        } else {
            TriggerMemory.Fields trigger = triggers.recall(a.dedupKey());
            send = trigger == null ? a : trigger.applyTo(a);
        }
        String id = newMessageId();
        return request(url, id, WebhookPayloads.alert(id, send));
    }

    @Override
    public WireRequest encode(ChangeEvent e) {
        String id = newMessageId();
        return request(url, id, WebhookPayloads.change(id, e));
    }

    /** Replays and every attempt are stamped and signed again ({@link #reissue(WireRequest)}). */
    @Override
    public Resending resending() {
        return resending;
    }

    /**
     * The request again, for another attempt at the same delivery: the same URI, body and message id, with the
     * configured headers as they are now (a dead letter keeps none; a token or secret may have been rotated) and a
     * timestamp and signature made now. A trigger read back this way (replayed from the spool after a restart,
     * a re-queued dead letter) is remembered for its key's acknowledge and resolve, unless a newer one is.
     */
    public WireRequest reissue(WireRequest stored) {
        WebhookPayloads.Stored said = WebhookPayloads.read(stored.body());
        if (said.trigger() != null) {
            triggers.rememberIfAbsent(said.dedupKey(), said.trigger());
        }
        return request(stored.uri(), messageId(stored, said), stored.body());
    }

    /**
     * The request as it goes out on this attempt (the first, a retry, a replay): the same URI, body and message id,
     * stamped and signed at the send time, so a retry after a long outage is not refused as too old.
     */
    public WireRequest reissue(WireRequest request, java.time.Instant now) {
        String id = null;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(ID_HEADER) && MESSAGE_ID.matcher(h.getValue()).matches()) {
                id = h.getValue();
            }
        }
        if (id == null) {
            id = messageId(request, WebhookPayloads.read(request.body()));
        }
        return request(request.uri(), id, request.body()); // stamped by this destination's clock, at this moment
    }

    private WireRequest request(URI uri, String id, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(ID_HEADER, id);
        h.put(TIMESTAMP_HEADER, Long.toString(timestamp));
        if (signer != null && signer.scheme() == SignatureScheme.STANDARD_WEBHOOKS) {
            h.put(SIGNATURE_HEADER, signer.standard(id, timestamp, body));
        } else if (signer != null) {
            h.put(HUB_SIGNATURE_HEADER, signer.hub(body));
        }
        return new WireRequest(uri, body, h);
    }

    private static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The id of a stored request: from its header (kept by the spool), else from its body (a dead letter keeps no
     * headers), else, for a body made before bodies had one, a digest of the body, the same on every reissue.
     */
    static String messageId(WireRequest stored, WebhookPayloads.Stored said) {
        for (Map.Entry<String, String> h : stored.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase(ID_HEADER) && MESSAGE_ID.matcher(h.getValue()).matches()) {
                return h.getValue();
            }
        }
        if (said.id() != null && MESSAGE_ID.matcher(said.id()).matches()) {
            return said.id();
        }
        try {
            return "msg_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored.body()), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
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
        private SignatureScheme scheme;
        private int rememberTriggers = TriggerMemory.DEFAULT_KEYS;
        private boolean allowInsecureHttp;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The URL to POST to; HTTPS unless loopback or {@link #allowInsecureHttp(boolean)}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * An extra request header, such as an authorization token; its value is never logged. The headers this
         * destination sets itself ({@code webhook-*}, {@code X-Hub-Signature-256}) cannot be set here.
         */
        public Builder header(String name, String value) {
            if (name == null || name.isBlank() || value == null) {
                throw new IllegalArgumentException("tocsin: webhook.header needs a name and a value");
            }
            for (String own : OWN_HEADERS) {
                if (own.equalsIgnoreCase(name.strip())) {
                    throw new IllegalArgumentException("tocsin: webhook.header " + own
                            + " is set by the destination itself");
                }
            }
            headers.put(name, value);
            return this;
        }

        /**
         * Signs every request under this secret: for Standard Webhooks (the default scheme), {@code whsec_}
         * followed by the base64 of 24 to 64 random bytes, as the receiver's platform gives it or as
         * {@code echo "whsec_$(openssl rand -base64 32)"} makes one; for {@link SignatureScheme#HUB_SIGNATURE_256},
         * any text. Checked by {@link #build()}, which never shows it.
         */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** How to sign with the {@link #secret(String)}; {@link SignatureScheme#STANDARD_WEBHOOKS} by default. */
        public Builder signatureScheme(SignatureScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * How many dedup keys' trigger fields to remember for their acknowledges and resolves (default
         * 10,000; {@code 0} remembers none). About 8 MB bound them whatever the number.
         */
        public Builder rememberTriggers(int keys) {
            if (keys < 0) {
                throw new IllegalArgumentException("tocsin: webhook.rememberTriggers must not be negative");
            }
            this.rememberTriggers = keys;
            return this;
        }

        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** The clock of {@code webhook-timestamp}; the system's by default. For tests. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalArgumentException for a missing or non-HTTPS URL, or a secret that does not fit its scheme
         *     (the message names the setting, never the secret)
         */
        public WebhookDestination build() {
            return new WebhookDestination(this);
        }
    }
}
