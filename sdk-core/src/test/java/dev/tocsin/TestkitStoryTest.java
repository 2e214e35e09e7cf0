package dev.tocsin;

import static dev.tocsin.testkit.InboxAssertions.assertThat;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testkit.Endpoint;
import dev.tocsin.testkit.IncidentInbox;
import dev.tocsin.testkit.InboxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The testkit's story as the README tells it, run with the real client: three failed payment calls make one open,
 * critical incident with a runbook link; a resolve closes it; an outage of the service costs nothing.
 */
class TestkitStoryTest {
    @RegisterExtension
    final InboxExtension inbox = new InboxExtension();

    private Tocsin client() {
        return Tocsin.builder()
                .destination(PagerDutyDestination.builder()
                        .routingKey(IncidentInbox.ROUTING_KEY).endpoint(inbox.eventsUrl()).build())
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build();
    }

    @Test
    void threeFailedPaymentsOpenOneCriticalIncidentWithARunbook() {
        try (Tocsin tocsin = client()) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                tocsin.trigger(Alert.trigger("Payment call failed")
                        .severity(Severity.CRITICAL)
                        .dedupKey("payment-failed")
                        .link("https://runbooks.example.com/payments", "Runbook")
                        .build());
            }
            assertThat(inbox.inbox()).hasIncident("payment-failed")
                    .isOpen()
                    .hasSeverity("critical")
                    .hasLink("runbook");
            assertThat(inbox.inbox()).hasIncidentCount(1);

            tocsin.resolve("payment-failed");
            assertThat(inbox.inbox()).hasIncident("payment-failed").isResolved();
        }
    }

    @Test
    void pagesSentDuringAnOutageArriveAfterIt() {
        inbox.inbox().answer(Endpoint.EVENTS, Answer.status(503), Answer.connectionReset(),
                Answer.status(429).withRetryAfter("0"), Answer.normally());
        try (Tocsin tocsin = client()) {
            tocsin.trigger(Alert.trigger("Database down").severity(Severity.CRITICAL).dedupKey("db").build());
            assertThat(inbox.inbox()).within(Duration.ofSeconds(15)).hasIncident("db").isTriggered();
        }
    }
}
