package dev.tocsin.alertmanager;

import dev.tocsin.Action;
import dev.tocsin.Alert;
import dev.tocsin.ChangeEvent;
import dev.tocsin.spi.Destination;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One peer of an Alertmanager cluster: a lane of its own. */
final class AlertmanagerPeer implements Destination {
    private final URI alerts;
    private final AlertmanagerPayloads payloads;
    private final Duration resendInterval;
    private final Duration resolvedFor;
    private final List<Alert> standing;
    private final String name;

    AlertmanagerPeer(URI base, AlertmanagerPayloads payloads, Duration resendInterval, Duration resolvedFor,
            List<Alert> standing) {
        this.alerts = URI.create(base.toString().replaceAll("/+$", "") + "/api/v2/alerts");
        this.payloads = payloads;
        this.resendInterval = resendInterval;
        this.resolvedFor = resolvedFor;
        this.standing = standing;
        this.name = "alertmanager(" + base.getHost() + ":" + base.getPort() + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String laneKey() {
        return "alertmanager:" + alerts;
    }

    @Override
    public WireRequest encode(Alert alert) {
        return encode(alert, Instant.now());
    }

    @Override
    public WireRequest encode(Alert alert, Instant now) {
        if (alert.action() == Action.ACKNOWLEDGE) {
            return null; // Alertmanager has no acknowledgement; silences are a person's decision
        }
        return new WireRequest(alerts, payloads.encode(alert, now), Map.of());
    }

    @Override
    public WireRequest encode(ChangeEvent event) {
        return null;
    }

    @Override
    public Duration resendInterval() {
        return resendInterval;
    }

    @Override
    public Duration resendResolvedFor() {
        return resolvedFor;
    }

    @Override
    public List<Alert> standingAlerts() {
        return standing;
    }

    @Override
    public String toString() {
        return name;
    }
}
