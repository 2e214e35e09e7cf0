package dev.tocsin.examples;

import static dev.tocsin.testkit.InboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.examples.spring.SpringExample;
import dev.tocsin.testkit.AlertmanagerAlert;
import dev.tocsin.testkit.Incident;
import dev.tocsin.testkit.IncidentInbox;
import dev.tocsin.testkit.InboxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example runs in its own JVM, as the README's commands run it: once as a newcomer runs it (no key: the example
 * starts its own incident inbox, here on a free port, and prints what it holds), and once pointed at an inbox this
 * test holds (any 32-character key and {@code TOCSIN_PAGERDUTY_ENDPOINT}), where the test checks the incidents.
 */
class ExamplesTest {
    private static final String KEY = "ExampleTestKey000000000000000042";

    @RegisterExtension
    final InboxExtension inbox = new InboxExtension();

    @TempDir
    Path dir;

    @Test
    void theQuickstartRunsAgainstItsOwnInboxWithoutAKey() throws Exception {
        String printed = run(Quickstart.class, Map.of());
        assertThat(printed)
                .contains("No TOCSIN_ROUTING_KEY set")
                .containsPattern("Incident inbox: http://127\\.0\\.0\\.1:\\d+/")
                .contains("paged once for three failures")
                .containsPattern("incident SocketTimeoutException-\\w+ is resolved\\.")
                .contains("The inbox holds 2 incidents and 1 change event")
                .contains("is resolved.")
                .contains("press Enter to stop");
    }

    @Test
    void theQuickstartSendsToTheConfiguredEndpoint() throws Exception {
        String printed = run(Quickstart.class, Map.of("TOCSIN_ROUTING_KEY", KEY,
                "TOCSIN_PAGERDUTY_ENDPOINT", inbox.eventsUrl()));
        assertThat(printed).contains("Sending to " + inbox.eventsUrl()).doesNotContain(KEY);
        IncidentInbox received = inbox.inbox();
        assertThat(received).hasIncidentMatching("from the logged errors",
                i -> i.summary().contains("Charging the card of order")).isOpen().hasLink("runbooks.example.com");
        Incident checkout = received.incidents().stream()
                .filter(i -> i.summary().equals("Checkout is failing: payment gateway timeouts")).findFirst()
                .orElseThrow();
        assertThat(checkout.routingKey()).isEqualTo(KEY);
        assertThat(checkout.severity()).isEqualTo("critical");
        assertThat(checkout.link("runbook")).isPresent();
        assertThat(checkout.timeline()).extracting(Incident.TimelineEntry::action)
                .containsExactly("trigger", "acknowledge", "resolve");
        assertThat(received).hasChange("Deployed checkout 1.4.2");
    }

    @Test
    void theSpringExampleRunsAgainstItsOwnInboxWithoutAKey() throws Exception {
        String printed = run(SpringExample.class, Map.of());
        assertThat(printed)
                .contains("Reservation 7 failed")
                .contains("incident health:inventory-service:inventory is open")
                .containsPattern("\\d+ heartbeat pings, 1 deploy marker")
                .contains("incident health:inventory-service:inventory is resolved.");
    }

    @Test
    void theSpringExampleSendsToTheConfiguredEndpoint() throws Exception {
        String printed = run(SpringExample.class,
                Map.of("TOCSIN_ROUTING_KEY", KEY, "TOCSIN_PAGERDUTY_ENDPOINT", inbox.eventsUrl()));
        assertThat(printed).doesNotContain(KEY);
        IncidentInbox received = inbox.inbox();
        assertThat(received).hasChange("Started inventory-service");
        assertThat(received).hasIncidentMatching("from the logged error",
                i -> i.summary().contains("Reservation 7 failed"));
        assertThat(received).hasIncident("health:inventory-service:inventory").isResolved();
    }

    @Test
    void theUncaughtExceptionExamplePages() throws Exception {
        String printed = run(UncaughtExample.class, Map.of());
        assertThat(printed).containsPattern("The uncaught exception opened incident IllegalStateException-\\w+ "
                + "\\(critical\\): Uncaught java.lang.IllegalStateException in thread \"ledger-writer\"");
    }

    @Test
    void theRulesExampleSuppressesRoutesEnrichesAndFolds() throws Exception {
        String printed = run(RulesExample.class, Map.of());
        assertThat(printed).contains("Suppressed 2 (a staging DNS failure, a trigger in the deploy window); folded"
                + " 181 of 200 distinct failures into one flood summary.")
                .contains("card-declined went to the payments service: true")
                .contains("primary-db carries the link https://runbooks.example.com/emergency/database")
                .contains("The flood summary: Alert flood: 181 distinct alerts");
    }

    @Test
    void theClusterExampleReachesEveryPeer() throws Exception {
        String printed = run(ClusterExample.class, Map.of());
        assertThat(printed).contains("alert disk-full is firing on both peers.")
                .contains("alert disk-full is resolved on both peers.");
        try (IncidentInbox second = IncidentInbox.start()) {
            run(ClusterExample.class, Map.of("TOCSIN_ALERTMANAGER_URLS", inbox.url() + ", " + second.url()));
            for (IncidentInbox peer : new IncidentInbox[] {inbox.inbox(), second}) {
                assertThat(peer).hasAlertmanagerAlert(Map.of("dedup_key", "disk-full", "team", "payments"))
                        .isResolved();
                assertThat(peer.alertmanagerAlerts()).extracting(AlertmanagerAlert::updates)
                        .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
            }
        }
    }

    @Test
    void theStandaloneInboxOfTheReadmeServesUntilStopped() throws Exception {
        Path output = dir.resolve("inbox.out");
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), IncidentInbox.class.getName(), "--port", "0")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Pattern banner = Pattern.compile("Tocsin incident inbox: (http://127\\.0\\.0\\.1:\\d+)/");
            String url = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                Matcher m = banner.matcher(Files.readString(output));
                return m.find() ? m.group(1) : null;
            }, java.util.Objects::nonNull);
            HttpClient http = HttpClient.newHttpClient();
            String trigger = "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"disk\","
                    + "\"payload\":{\"summary\":\"Disk full\",\"source\":\"h\",\"severity\":\"error\"}}";
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(url + "/v2/enqueue"))
                    .POST(HttpRequest.BodyPublishers.ofString(trigger)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String state = http.send(HttpRequest.newBuilder(URI.create(url + "/inbox/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(state).contains("Disk full").doesNotContain(KEY);
        } finally {
            child.destroy();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the inbox stops on SIGTERM").isTrue();
        }
    }

    /** Runs the example's main in a child JVM with exactly these Tocsin variables; returns what it printed. */
    private String run(Class<?> main, Map<String, String> env) throws IOException, InterruptedException {
        Path output = dir.resolve(main.getSimpleName() + "-" + env.size() + "-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOCSIN_"));
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("TOCSIN_INBOX_PORT", "0"); // a free port: 8025 may be taken while the suite runs
        builder.environment().putAll(all);
        Process child = builder.start();
        child.getOutputStream().close(); // no terminal: the inbox does not wait for Enter
        try {
            boolean exited = child.waitFor(120, TimeUnit.SECONDS);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.print(printed);
            assertThat(exited).as("the example exits by itself").isTrue();
            assertThat(child.exitValue()).as("exit status; output:%n%s", printed).isZero();
            return printed;
        } finally {
            child.destroyForcibly();
        }
    }
}
