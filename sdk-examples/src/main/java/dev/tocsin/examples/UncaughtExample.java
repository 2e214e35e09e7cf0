package dev.tocsin.examples;

import dev.tocsin.Tocsin;
import dev.tocsin.UncaughtExceptionAlerts;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Incident;
import dev.tocsin.testkit.IncidentInbox;
import java.time.Duration;

/**
 * A thread that dies of an uncaught exception pages: {@link UncaughtExceptionAlerts} is the JVM's default handler, and
 * the dying thread waits for the delivery before the exception goes on to the previous handler. Without
 * {@code TOCSIN_ROUTING_KEY} it runs against the incident inbox on 127.0.0.1.
 */
public final class UncaughtExample {
    private UncaughtExample() {
    }

    public static void main(String[] args) throws Exception {
        IncidentInbox inbox = ExampleInbox.toPagerDuty() ? null : ExampleInbox.start();
        PagerDutyDestination.Builder destination = PagerDutyDestination.builder()
                .routingKey(inbox == null ? System.getenv("TOCSIN_ROUTING_KEY") : IncidentInbox.ROUTING_KEY);
        if (inbox != null) {
            destination.endpoint(inbox.eventsUrl());
        }
        try (Tocsin tocsin = Tocsin.builder().destination(destination.build()).source("ledger-host").build()) {
            UncaughtExceptionAlerts alerts = UncaughtExceptionAlerts.install(tocsin);
            Thread writer = new Thread(topGroup(), () -> {
                throw new IllegalStateException("ledger file is corrupt at offset 4096");
            }, "ledger-writer");
            System.out.println("The ledger-writer thread dies of an uncaught exception...");
            writer.start();
            writer.join(Duration.ofSeconds(30).toMillis());
            alerts.uninstall();
            if (inbox != null) {
                Incident incident = inbox.awaitValue("an incident from the uncaught exception",
                        i -> i.incidents().stream().filter(x -> x.summary().contains("ledger file is corrupt"))
                                .findFirst().orElse(null), Duration.ofSeconds(30));
                System.out.println("The uncaught exception opened incident " + incident.dedupKey() + " ("
                        + incident.severity() + "): " + incident.summary());
            }
        } finally {
            if (inbox != null) {
                ExampleInbox.stayOpenThenClose(inbox);
            }
        }
    }

    /**
     * The JVM's top thread group: a launcher such as {@code mvn exec:java} runs {@code main} in a group of its own that
     * catches its threads' uncaught exceptions before the default handler sees them; {@code java} does not.
     */
    private static ThreadGroup topGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }
}
