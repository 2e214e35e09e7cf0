package dev.tocsin.alertmanager;

import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.Severity;
import dev.tocsin.internal.Endpoints;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus Alertmanager cluster (API v2). Every alert goes to every peer, each through its own lane, so a
 * dead peer neither blocks nor loses deliveries to the others and catches up when it returns (alerts are not
 * replicated between peers; the cluster shares only silences and the notification log, which is what stops
 * duplicate notifications).
 *
 * <p>As Alertmanager expects of clients: a firing alert is re-sent every {@code resendInterval} (default 60 s)
 * with {@code endsAt} = now + 4 × interval; a resolve is sent with {@code endsAt} = now and re-sent for
 * {@code resolvedResendFor} (default 5 minutes). Labels carry identity ({@code alertname}, {@code severity},
 * {@code service}, {@code component}, {@code dedup_key}), annotations the text ({@code summary},
 * {@code description}, {@code runbook_url}). One alert per request, so a refused alert never takes good ones
 * with it. Acknowledgements and change events are not sent: Alertmanager has neither. With {@link
 * Builder#watchdog(boolean)}, an always-firing {@code Watchdog} alert is kept alive for a dead-man's switch.
 * Immutable and thread-safe.
 */
public final class AlertmanagerDestination implements Destination {
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_RESOLVED_RESEND = Duration.ofMinutes(5);

    private final List<Destination> peers;

    private AlertmanagerDestination(Builder b) {
        if (b.peers.isEmpty()) {
            throw new IllegalArgumentException("tocsin: alertmanager.peers needs at least one peer URL");
        }
        if (b.resendInterval == null || b.resendInterval.isNegative() || b.resendInterval.isZero()) {
            throw new IllegalArgumentException("tocsin: alertmanager.resendInterval must be positive");
        }
        URI generator = b.generatorUrl == null ? null : Endpoints.check("alertmanager.generatorUrl", b.generatorUrl, true);
        List<Alert> standing = b.watchdog ? List.of(Alert.trigger("Watchdog: the Tocsin client is alive")
                .dedupKey("tocsin-watchdog").type("Watchdog").severity(Severity.INFO).timestamp(Instant.now())
                .build()) : List.of();
        List<Destination> list = new ArrayList<>();
        for (String peer : b.peers) {
            URI base = Endpoints.check("alertmanager.peers", peer, b.allowInsecureHttp);
            list.add(new AlertmanagerPeer(base, new AlertmanagerPayloads(b.resendInterval, generator),
                    b.resendInterval, b.resolvedResendFor, standing));
        }
        this.peers = List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Destination> lanes() {
        return peers;
    }

    @Override
    public String name() {
        return "alertmanager(" + peers.size() + " peers)";
    }

    @Override
    public String laneKey() {
        return "alertmanager-cluster";
    }

    @Override
    public WireRequest encode(Alert alert) {
        return null; // each peer encodes for itself
    }

    @Override
    public WireRequest encode(ChangeEvent event) {
        return null;
    }

    @Override
    public String toString() {
        return peers.toString();
    }

    /** Builds an {@link AlertmanagerDestination}. Not thread-safe. */
    public static final class Builder {
        private final List<String> peers = new ArrayList<>();
        private Duration resendInterval = DEFAULT_RESEND_INTERVAL;
        private Duration resolvedResendFor = DEFAULT_RESOLVED_RESEND;
        private boolean watchdog;
        private String generatorUrl;
        private boolean allowInsecureHttp;

        private Builder() {
        }

        /** The base URLs of every peer, such as {@code https://am-0.example.com:9093}. Never a load balancer. */
        public Builder peers(String... urls) {
            peers.addAll(List.of(urls));
            return this;
        }

        public Builder resendInterval(Duration interval) {
            this.resendInterval = interval;
            return this;
        }

        public Builder resolvedResendFor(Duration period) {
            this.resolvedResendFor = period;
            return this;
        }

        /** Keeps an always-firing {@code Watchdog} alert alive, for a dead-man's switch behind Alertmanager. */
        public Builder watchdog(boolean watchdog) {
            this.watchdog = watchdog;
            return this;
        }

        /** The {@code generatorURL} of every alert: a link back to the application. */
        public Builder generatorUrl(String url) {
            this.generatorUrl = url;
            return this;
        }

        /** Allows plain-HTTP peers on hosts that are not loopback (a cluster inside a trusted network). */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        public AlertmanagerDestination build() {
            return new AlertmanagerDestination(this);
        }
    }
}
