package dev.tocsin.pagerduty;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.internal.text.Digests;
import dev.tocsin.internal.text.Secrets;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Endpoints;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PagerDuty Events API v2: alerts to {@code /v2/enqueue}, change events to {@code /v2/change/enqueue}.
 *
 * <p>Immutable and thread-safe. The routing key (the integration key, 32 letters and digits) is checked when
 * the destination is built and never shown: {@link #toString()}, logs and errors show its last four
 * characters at most. The default endpoint is {@value #DEFAULT_ENDPOINT}; EU accounts use
 * {@value #EU_ENDPOINT}. Requests are kept within PagerDuty's limits at run time: dedup keys of at most 255
 * characters, summaries of at most 1024, HTTPS image sources only, and bodies under 512 KB (details shrink
 * first).
 */
public final class PagerDutyDestination implements Destination {
    public static final String DEFAULT_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";
    public static final String EU_ENDPOINT = "https://events.eu.pagerduty.com/v2/enqueue";
    private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");

    private final String routingKey;
    private final URI alerts;
    private final URI changes;
    private final PagerDutyPayloads payloads;
    private final String name;
    private final Builder settings;

    private PagerDutyDestination(Builder b) {
        if (b.routingKey == null || !ROUTING_KEY.matcher(b.routingKey.strip()).matches()) {
            throw new IllegalArgumentException("tocsin: pagerduty.routingKey must be 32 letters and digits (the "
                    + "Events API v2 integration key); the value given "
                    + (b.routingKey == null ? "is missing" : "has " + b.routingKey.strip().length()
                    + " characters, or characters other than letters and digits"));
        }
        this.routingKey = b.routingKey.strip();
        this.alerts = Endpoints.check("pagerduty.endpoint", b.endpoint, b.allowInsecureHttp);
        this.changes = alerts.resolve("change/enqueue");
        this.payloads = new PagerDutyPayloads(routingKey, b.client, b.clientUrl);
        this.name = "pagerduty(" + Secrets.mask(routingKey) + ")";
        this.settings = b.copy();
    }

    /**
     * This destination's endpoint and settings with another routing key: where a rule's {@code routingKey} sends.
     *
     * @throws IllegalArgumentException if the key is not 32 letters and digits; the message never prints it
     */
    public PagerDutyDestination withRoutingKey(String routingKey) {
        return settings.copy().routingKey(routingKey).build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A destination for the given routing key with every other setting at its default. */
    public static PagerDutyDestination of(String routingKey) {
        return builder().routingKey(routingKey).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String laneKey() {
        return "pagerduty:" + alerts + ":" + Digests.sha256Hex(routingKey);
    }

    @Override
    public WireRequest encode(Alert alert) {
        return new WireRequest(alerts, payloads.alert(alert), Map.of());
    }

    @Override
    public WireRequest encode(ChangeEvent event) {
        return new WireRequest(changes, payloads.change(event), Map.of());
    }

    @Override
    public String describeRefusal(int status, String body) {
        return PagerDutyPayloads.errors(body).replace(routingKey, Secrets.mask(routingKey));
    }

    @Override
    public String toString() {
        return name + " -> " + alerts;
    }

    /** Builds a {@link PagerDutyDestination}. Not thread-safe. */
    public static final class Builder {
        private String routingKey;
        private String endpoint = DEFAULT_ENDPOINT;
        private boolean allowInsecureHttp;
        private String client = "Tocsin";
        private String clientUrl;

        private Builder() {
        }

        /** The Events API v2 integration key: 32 letters and digits. Required. */
        public Builder routingKey(String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        /**
         * The alert endpoint, ending in {@code /enqueue}; change events go to the sibling {@code change/enqueue}.
         * Must be HTTPS unless the host is a loopback address or {@link #allowInsecureHttp(boolean)} is set.
         */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Allows a plain-HTTP endpoint on a non-loopback host (a proxy inside a trusted network, say). */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** The name of the monitoring client shown in PagerDuty (default {@code Tocsin}). */
        public Builder client(String client) {
            this.client = client;
            return this;
        }

        /** A link to the monitoring client shown in PagerDuty. */
        public Builder clientUrl(String clientUrl) {
            this.clientUrl = clientUrl;
            return this;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.routingKey = routingKey;
            b.endpoint = endpoint;
            b.allowInsecureHttp = allowInsecureHttp;
            b.client = client;
            b.clientUrl = clientUrl;
            return b;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong; never printing the key */
        public PagerDutyDestination build() {
            return new PagerDutyDestination(this);
        }
    }
}
