package dev.tocsin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.examples.spring.SpringExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example runs in its own JVM, as the README's commands run it: once as a newcomer runs it (no key: the
 * example starts its own fake Events API and prints what it received), and once the way the README's "testing
 * locally" recipe runs it (any 32-character key and {@code TOCSIN_PAGERDUTY_ENDPOINT} pointing at a receiver this
 * test holds), where the test checks what arrived.
 */
class ExamplesTest {
    private static final String KEY = "ExampleTestKey000000000000000042";

    @TempDir
    Path dir;

    @Test
    void theQuickstartRunsAgainstItsOwnFakeWithoutAKey() throws Exception {
        String printed = run(Quickstart.class, Map.of());
        assertThat(printed)
                .contains("No TOCSIN_ROUTING_KEY set")
                .contains("[local Events API] trigger")
                .contains("[local Events API] acknowledge")
                .contains("[local Events API] resolve")
                .contains("[local Events API] change")
                .contains("received 4 events")
                .contains("is resolved.");
    }

    @Test
    void theQuickstartSendsToTheConfiguredEndpoint() throws Exception {
        try (LocalEventsApi receiver = LocalEventsApi.start(line -> { })) {
            String printed = run(Quickstart.class,
                    Map.of("TOCSIN_ROUTING_KEY", KEY, "TOCSIN_PAGERDUTY_ENDPOINT", receiver.enqueueUrl()));

            assertThat(printed).contains("Sending to " + receiver.enqueueUrl()).doesNotContain(KEY);
            List<JsonNode> events = receiver.received();
            assertThat(events).extracting(e -> e.path("event_action").asText("change"))
                    .containsExactly("trigger", "acknowledge", "resolve", "change");
            JsonNode trigger = events.get(0);
            assertThat(trigger.path("routing_key").asText()).isEqualTo(KEY);
            assertThat(trigger.path("payload").path("summary").asText())
                    .isEqualTo("Checkout is failing: payment gateway timeouts");
            assertThat(trigger.path("payload").path("severity").asText()).isEqualTo("critical");
            assertThat(trigger.path("links").get(0).path("href").asText()).isEqualTo("https://runbooks.example.com/checkout");
            assertThat(receiver.incident(trigger.path("dedup_key").asText())).isEqualTo("resolved");
            assertThat(events.get(3).path("payload").path("summary").asText()).isEqualTo("Deployed checkout 1.4.2");
        }
    }

    @Test
    void theSpringExampleRunsAgainstItsOwnFakeWithoutAKey() throws Exception {
        String printed = run(SpringExample.class, Map.of());
        assertThat(printed)
                .contains("[local Events API] change      Started inventory-service")
                .containsPattern("\\[local Events API\\] trigger .*Reservation 7 failed")
                .contains("incident health:inventory-service:inventory is resolved.");
    }

    @Test
    void theSpringExampleSendsToTheConfiguredEndpoint() throws Exception {
        try (LocalEventsApi receiver = LocalEventsApi.start(line -> { })) {
            String printed = run(SpringExample.class,
                    Map.of("TOCSIN_ROUTING_KEY", KEY, "TOCSIN_PAGERDUTY_ENDPOINT", receiver.enqueueUrl()));

            assertThat(printed).doesNotContain(KEY);
            List<JsonNode> events = receiver.received();
            assertThat(events).anySatisfy(e -> assertThat(e.path("payload").path("summary").asText())
                    .startsWith("Started inventory-service"));
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("event_action").asText()).isEqualTo("trigger");
                assertThat(e.path("payload").path("summary").asText()).contains("Reservation 7 failed");
                assertThat(e.path("routing_key").asText()).isEqualTo(KEY);
            });
            assertThat(receiver.incident("health:inventory-service:inventory")).isEqualTo("resolved");
        }
    }

    @Test
    void theLocalReceiverOfTheReadmeRunsOnItsOwnAndPrintsWhatArrives() throws Exception {
        Path output = dir.resolve("receiver.out");
        Process receiver = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), LocalEventsApi.class.getName(), "0")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            java.util.regex.Pattern listening = java.util.regex.Pattern.compile("to (http://127\\.0\\.0\\.1:\\d+/v2/enqueue)");
            String url = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> {
                        java.util.regex.Matcher m = listening.matcher(Files.readString(output));
                        return m.find() ? m.group(1) : null;
                    }, java.util.Objects::nonNull);
            try (dev.tocsin.Tocsin tocsin = dev.tocsin.Tocsin.builder()
                    .destination(dev.tocsin.pagerduty.PagerDutyDestination.builder().routingKey(KEY).endpoint(url)
                            .build()).closeOnExit(false).build()) {
                tocsin.trigger(dev.tocsin.event.Alert.trigger("Disk full").dedupKey("disk").build());
                assertThat(tocsin.flush(java.time.Duration.ofSeconds(10))).isTrue();
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.readString(output).contains("[local Events API] trigger     disk"));
        } finally {
            receiver.destroy();
            assertThat(receiver.waitFor(30, TimeUnit.SECONDS)).as("the receiver stops on SIGTERM").isTrue();
        }
    }

    /** Runs the example's main in a child JVM with exactly these Tocsin variables; returns what it printed. */
    private String run(Class<?> main, Map<String, String> env) throws IOException, InterruptedException {
        Path output = dir.resolve(main.getSimpleName() + "-" + env.size() + ".out");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java",
                "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOCSIN_"));
        builder.environment().putAll(env);
        Process child = builder.start();
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
