package dev.tocsin.examples;

import dev.tocsin.testkit.IncidentInbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The incident inbox the examples send to when {@code TOCSIN_ROUTING_KEY} is not set: on 127.0.0.1, port 8025 (or
 * {@code TOCSIN_INBOX_PORT}), or a free port when that one is taken.
 */
public final class ExampleInbox {
    private ExampleInbox() {
    }

    /** Whether the examples talk to PagerDuty itself: a routing key is set. */
    public static boolean toPagerDuty() {
        String key = System.getenv("TOCSIN_ROUTING_KEY");
        return key != null && !key.isBlank();
    }

    /** Starts the inbox and says where to watch it. */
    public static IncidentInbox start() {
        int port = 8025;
        String configured = System.getenv("TOCSIN_INBOX_PORT");
        if (configured != null && !configured.isBlank()) {
            port = Integer.parseInt(configured.trim());
        }
        IncidentInbox inbox;
        try {
            inbox = IncidentInbox.builder().port(port).start();
        } catch (UncheckedIOException taken) {
            inbox = IncidentInbox.start();
        }
        System.out.println("No TOCSIN_ROUTING_KEY set: sending to the local incident inbox.");
        System.out.println("Incident inbox: " + inbox.url() + "/  (open it in a browser to watch the pages arrive)");
        return inbox;
    }

    /**
     * Keeps the inbox open for a look at the page until Enter is pressed or standard input ends (at once when it is
     * not a terminal, as in CI), then closes it.
     */
    public static void stayOpenThenClose(IncidentInbox inbox) {
        System.out.println("The incident inbox stays open at " + inbox.url() + "/ ; press Enter to stop.");
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            // no input to wait for
        }
        inbox.close();
    }
}
