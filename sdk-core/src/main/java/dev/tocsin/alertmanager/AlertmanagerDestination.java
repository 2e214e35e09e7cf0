package dev.tocsin.alertmanager;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.Endpoints;
import dev.tocsin.spi.Peers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus Alertmanager cluster (API v2): its {@link #peers()}, each a destination. Add it with
 * {@code Tocsin.Builder.destination(Peers)}: every alert goes to every peer, each through its own lane, so a
 * dead peer neither blocks nor loses deliveries to the others and catches up when it returns (alerts are not
 * replicated between peers; the cluster shares only silences and the notification log, which is what stops
 * duplicate notifications).
 *
 * <p>As Alertmanager expects of clients: a firing alert is re-sent every {@code resendInterval} (default 60 s)
 * with {@code endsAt} = send time + 4 × interval; a resolve is sent with {@code endsAt} = when it was resolved and
 * re-sent for {@code resolvedResendFor} (default 5 minutes). The times are made at each send, not when the alert
 * was queued: an alert that waited through a peer's outage, a backoff or a restart (the spool) still fires when it
 * arrives, and when a key has several states queued only its newest is sent.
 *
 * <p>Labels carry identity: {@code alertname} (the alert's type; else {@link Builder#alertname(String)}; else the
 * alert's source), {@code dedup_key}, {@code severity}, {@code service} (the alert's source, by default the
 * client's), {@code component}, {@code group}, the {@link Builder#label static labels} and the details named by
 * {@link Builder#detailLabels}. Annotations carry the text ({@code summary}, {@code description},
 * {@code runbook_url}). A resolve goes out in its trigger's label set; a client that does not know it (started
 * after the trigger) asks each peer for the alerts it holds under the same dedup key, service and static labels
 * and resolves those. One alert per request (but for a resolve's look-up), so a refused alert never takes good
 * ones with it. Acknowledgements and change events are not sent: Alertmanager has neither. With {@link
 * Builder#watchdog(boolean)}, an always-firing {@code Watchdog} alert, with the client's source as its
 * {@code service}, is kept alive for a dead-man's switch. Immutable and thread-safe.
 */
public final class AlertmanagerDestination implements Peers {
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
        if (b.resolvedResendFor == null || b.resolvedResendFor.isNegative()) {
            throw new IllegalArgumentException("tocsin: alertmanager.resolvedResendFor must be zero or positive, was "
                    + b.resolvedResendFor);
        }
        URI generator = b.generatorUrl == null ? null : Endpoints.check("alertmanager.generatorUrl", b.generatorUrl, true);
        if (b.alertname != null && b.alertname.isBlank()) {
            throw new IllegalArgumentException("tocsin: alertmanager.alertname must not be blank");
        }
        AlertLabels labels = new AlertLabels(b.labels, b.detailLabels,
                b.alertname == null ? null : AlertLabels.value(b.alertname.strip()));
        // No source: the client gives it its own, so that the Watchdogs of two services are two alerts.
        List<Alert> standing = b.watchdog ? List.of(Alert.trigger("Watchdog: the Tocsin client is alive")
                .dedupKey("tocsin-watchdog").type("Watchdog").severity(Severity.INFO).build()) : List.of();
        AlertmanagerPayloads payloads = new AlertmanagerPayloads(b.resendInterval, generator, labels);
        ActiveAlerts active = new ActiveAlerts();
        List<Destination> list = new ArrayList<>();
        for (String peer : b.peers) {
            URI base = Endpoints.check("alertmanager.peers", peer, b.allowInsecureHttp);
            list.add(new AlertmanagerPeer(base, payloads, active, b.resendInterval, b.resolvedResendFor, standing));
        }
        this.peers = List.copyOf(list);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The cluster's peers, one destination and one lane each, in the order they were given. */
    @Override
    public List<Destination> peers() {
        return peers;
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
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> detailLabels = new ArrayList<>();
        private String alertname;

        private Builder() {
        }

        /** The base URLs of every peer, such as {@code https://am-0.example.com:9093}. Never a load balancer. */
        public Builder peers(String... urls) {
            for (String url : java.util.Objects.requireNonNull(urls, "tocsin: alertmanager.peers must not be null")) {
                if (url == null) {
                    throw new IllegalArgumentException("tocsin: alertmanager.peers has a null URL");
                }
                peers.add(url);
            }
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

        /**
         * A label on every alert, for routing and grouping in Alertmanager: {@code team}, {@code env},
         * {@code instance}, {@code job}, ... The name must be a valid Alertmanager label name and not one that comes
         * from the alert itself ({@code alertname}, {@code dedup_key}, {@code severity}, {@code service},
         * {@code component}, {@code group}); the value must not be blank. Checked here.
         *
         * @throws IllegalArgumentException naming the label, if it cannot be used
         */
        public Builder label(String name, String value) {
            AlertLabels.checkName("alertmanager.label", name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("tocsin: alertmanager.label: the value of '" + name
                        + "' must not be blank");
            }
            labels.put(name, AlertLabels.value(value));
            return this;
        }

        /**
         * Details of each alert that become labels too, for routing per alert: with {@code detailLabels("team")},
         * {@code Alert.trigger(...).detail("team", "payments")} carries the label {@code team="payments"}, which
         * takes the place of a static {@link #label label} of that name. Text, number and boolean values only; an
         * alert without the detail has no such label (or the static one). Names are checked as for {@link #label}.
         *
         * @throws IllegalArgumentException naming the label, if it cannot be used
         */
        public Builder detailLabels(String... names) {
            for (String name : names) {
                String checked = AlertLabels.checkName("alertmanager.detailLabels", name);
                if (!detailLabels.contains(checked)) {
                    detailLabels.add(checked);
                }
            }
            return this;
        }

        /**
         * The {@code alertname} of alerts that have no type ({@link Alert.Builder#type(String)}), such as
         * {@code OrdersServiceError}. Default: the alert's source (the client's {@code source}, such as the service
         * name), so that each application's alerts have a name of their own.
         */
        public Builder alertname(String alertname) {
            this.alertname = alertname;
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
