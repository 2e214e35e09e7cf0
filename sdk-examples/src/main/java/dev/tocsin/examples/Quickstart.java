package dev.tocsin.examples;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Incident;
import dev.tocsin.testkit.IncidentInbox;
import java.io.InputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first program to run: a small checkout service whose payment calls fail, page, recover and resolve — once
 * through the Logback appender ({@code quickstart-logback.xml}: a logged error pages, and the incident resolves
 * after two quiet seconds), once through the client's own calls (trigger, acknowledge, resolve, and a deploy
 * marker).
 *
 * <p>With no {@code TOCSIN_ROUTING_KEY} in the environment it starts the incident inbox on 127.0.0.1 and prints
 * its URL: no account, no network. With the variable set to an Events API v2 integration key, it talks to PagerDuty
 * itself; with {@code TOCSIN_PAGERDUTY_ENDPOINT} set as well, it talks to that endpoint instead.
 */
public final class Quickstart {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        IncidentInbox inbox = ExampleInbox.toPagerDuty() ? null : ExampleInbox.start();
        String routingKey = inbox == null ? System.getenv("TOCSIN_ROUTING_KEY") : IncidentInbox.ROUTING_KEY;
        String endpoint = inbox == null ? System.getenv("TOCSIN_PAGERDUTY_ENDPOINT") : inbox.eventsUrl();
        if (inbox == null) {
            System.out.println("Sending to " + (endpoint == null || endpoint.isBlank() ? "PagerDuty" : endpoint)
                    + " with the routing key from TOCSIN_ROUTING_KEY");
        }
        try {
            logbackStory(routingKey, endpoint, inbox);
            clientStory(routingKey, endpoint, inbox);
        } finally {
            if (inbox != null) {
                ExampleInbox.stayOpenThenClose(inbox);
            }
        }
    }

    /** Errors logged through Logback page by themselves, once per failure, and resolve when they stop. */
    private static void logbackStory(String routingKey, String endpoint, IncidentInbox inbox) throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.reset();
        logging.putProperty("TOCSIN_ROUTING_KEY", routingKey);
        if (endpoint != null && !endpoint.isBlank()) {
            logging.putProperty("TOCSIN_PAGERDUTY_ENDPOINT", endpoint);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(logging);
        try (InputStream xml = Quickstart.class.getResourceAsStream("quickstart-logback.xml")) {
            configurator.doConfigure(xml);
        }
        Logger log = LoggerFactory.getLogger("com.example.checkout.Payments");
        System.out.println("1. The payment gateway times out; each failure is logged with log.error(...):");
        for (int order = 1001; order <= 1003; order++) {
            log.error("Charging the card of order {} failed", order,
                    new java.net.SocketTimeoutException("payment gateway did not answer in 2000 ms"));
        }
        if (inbox == null) {
            logging.stop(); // sends what is pending
            return;
        }
        Incident paged = inbox.awaitValue("an incident from the logged errors",
                i -> i.incidents().stream().filter(x -> x.summary().contains("Charging the card")).findFirst()
                        .orElse(null), WAIT);
        System.out.println("   -> paged once for three failures: incident " + paged.dedupKey() + ", " + paged.severity());
        System.out.println("2. The gateway recovers; after two quiet seconds the appender resolves the incident...");
        inbox.await("the logged incident to resolve", i -> i.incident(paged.dedupKey()).map(x -> !x.open())
                .orElse(false), WAIT);
        System.out.println("   -> incident " + paged.dedupKey() + " is resolved.");
        logging.stop();
    }

    /** The same through the client's own calls: trigger, acknowledge, resolve, and a deploy marker. */
    private static void clientStory(String routingKey, String endpoint, IncidentInbox inbox) throws Exception {
        PagerDutyDestination.Builder destination = PagerDutyDestination.builder().routingKey(routingKey);
        if (endpoint != null && !endpoint.isBlank()) {
            destination.endpoint(endpoint);
        }
        System.out.println("3. The same through the client's own calls:");
        try (Tocsin tocsin = Tocsin.builder().destination(destination.build()).source("quickstart-host").build()) {
            DeliveryResult triggered = tocsin.trigger(Alert.trigger("Checkout is failing: payment gateway timeouts")
                    .severity(Severity.CRITICAL)
                    .component("checkout")
                    .detail("error_rate", "37%")
                    .link("https://runbooks.example.com/checkout", "Runbook")
                    .build()).toCompletableFuture().get();
            System.out.println("   trigger     -> " + triggered);
            String key = triggered.dedupKey();
            System.out.println("   acknowledge -> " + tocsin.acknowledge(key).toCompletableFuture().get());
            System.out.println("   resolve     -> " + tocsin.resolve(key).toCompletableFuture().get());
            System.out.println("   change      -> " + tocsin.change(ChangeEvent.of("Deployed checkout 1.4.2"))
                    .toCompletableFuture().get());
            tocsin.flush(Duration.ofSeconds(5));
            System.out.println("   stats: " + tocsin.stats());
            if (inbox != null) {
                Incident incident = inbox.awaitIncident(key, WAIT);
                System.out.println("The inbox holds " + inbox.incidents().size() + " incidents and "
                        + inbox.changes().size() + " change event; incident " + key + " is "
                        + incident.status().name().toLowerCase(java.util.Locale.ROOT) + ".");
            }
        }
    }
}
