package dev.tocsin.examples;

import dev.tocsin.Tocsin;
import dev.tocsin.alertmanager.AlertmanagerDestination;
import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.testkit.AlertmanagerAlert;
import dev.tocsin.testkit.IncidentInbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An Alertmanager cluster: every alert goes to every peer (never through a load balancer), and a resolve ends it on
 * each. With {@code TOCSIN_ALERTMANAGER_URLS} (comma-separated peer URLs) it talks to that cluster; without, two
 * incident inboxes on 127.0.0.1 stand in for two peers.
 */
public final class ClusterExample {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ClusterExample() {
    }

    public static void main(String[] args) throws Exception {
        String urls = System.getenv("TOCSIN_ALERTMANAGER_URLS");
        List<IncidentInbox> peers = urls == null || urls.isBlank()
                ? List.of(ExampleInbox.start(), IncidentInbox.start()) : List.of();
        String[] peerUrls = peers.isEmpty() ? urls.split("\\s*,\\s*")
                : peers.stream().map(IncidentInbox::url).toArray(String[]::new);
        if (!peers.isEmpty()) {
            System.out.println("Two inboxes stand in for a two-peer cluster: " + String.join(", ", peerUrls));
        }
        Map<String, String> labels = Map.of("dedup_key", "disk-full");
        try (Tocsin tocsin = Tocsin.builder()
                .source("orders")
                .destination(AlertmanagerDestination.builder().peers(peerUrls).label("team", "payments").build())
                .build()) {
            System.out.println("trigger -> " + tocsin.trigger(Alert.trigger("Disk full on /var/lib/orders")
                    .severity(Severity.CRITICAL).dedupKey("disk-full").build()).toCompletableFuture().get());
            for (IncidentInbox peer : peers) {
                peer.await("the alert to fire", p -> firing(p, labels) == Boolean.TRUE, WAIT);
            }
            if (!peers.isEmpty()) {
                System.out.println("alert disk-full is firing on both peers.");
            }
            System.out.println("resolve -> " + tocsin.resolve("disk-full").toCompletableFuture().get());
            for (IncidentInbox peer : peers) {
                peer.await("the alert to resolve", p -> firing(p, labels) == Boolean.FALSE, WAIT);
            }
            if (!peers.isEmpty()) {
                System.out.println("alert disk-full is resolved on both peers.");
            }
        } finally {
            if (!peers.isEmpty()) {
                peers.get(1).close();
                ExampleInbox.stayOpenThenClose(peers.get(0));
            }
        }
    }

    /** Whether the peer's alert with these labels fires; {@code null} if it holds none. */
    private static Boolean firing(IncidentInbox peer, Map<String, String> labels) {
        return peer.alertmanagerAlerts().stream().filter(a -> a.labels().entrySet().containsAll(labels.entrySet()))
                .map(AlertmanagerAlert::firing).reduce((a, b) -> b).orElse(null);
    }
}
