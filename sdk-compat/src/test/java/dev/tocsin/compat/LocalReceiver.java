package dev.tocsin.compat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.Tocsin;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testkit.Endpoint;
import dev.tocsin.testkit.IncidentInbox;
import dev.tocsin.testkit.ReceivedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The testkit's inbox, one per test, with clients aimed at it: the inbox needs only the JDK and the Jackson of the
 * class path under test (which it then runs on too), so no test library brings a Jackson or a Jetty of its own onto a
 * class path whose versions are the point of the test. Answers as the Events API does unless {@link #answer(int)} says
 * otherwise.
 */
public final class LocalReceiver implements BeforeEachCallback, AfterEachCallback {
    /** The inbox's made-up integration key; it must never reach a log line, so tests never print it either. */
    public static final String ROUTING_KEY = IncidentInbox.ROUTING_KEY;

    private final List<Tocsin> clients = new ArrayList<>();
    private IncidentInbox inbox;

    @Override
    public void beforeEach(ExtensionContext context) {
        inbox = IncidentInbox.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            clients.forEach(Tocsin::close);
        } finally {
            inbox.close();
        }
        List<ReceivedRequest> invalid = inbox.invalidRequests();
        if (!invalid.isEmpty()) {
            throw new AssertionError("the Events API would refuse " + invalid);
        }
    }

    /** The status every later request is answered with; 202 answers as the Events API does. */
    public void answer(int httpStatus) {
        inbox.answer(Endpoint.EVENTS, httpStatus == 202 ? Answer.normally() : Answer.status(httpStatus)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"error\",\"message\":\"HTTP " + httpStatus + "\",\"errors\":[\"fake\"]}"));
    }

    public String endpoint() {
        return inbox.eventsUrl();
    }

    public PagerDutyDestination destination() {
        return PagerDutyDestination.builder().routingKey(ROUTING_KEY).endpoint(endpoint()).build();
    }

    /** A builder aimed at this receiver, with short timings; the clients it builds are closed after the test. */
    public Tocsin.Builder client() {
        return Tocsin.builder()
                .destination(destination())
                .source("compat-host")
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
                .throttleBackoff(Duration.ofMillis(20))
                .rateLimit(10_000, Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(2))
                .closeOnExit(false);
    }

    public Tocsin track(Tocsin client) {
        clients.add(client);
        return client;
    }

    public int requests() {
        return inbox.requests(Endpoint.EVENTS).size();
    }

    /** The request bodies received so far, in arrival order. */
    public List<JsonNode> bodies() {
        return inbox.requests(Endpoint.EVENTS).stream().map(ReceivedRequest::json).toList();
    }
}
