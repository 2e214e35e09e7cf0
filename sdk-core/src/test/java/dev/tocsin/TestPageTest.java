package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.TestPage.Outcome;
import dev.tocsin.TestPage.Report;
import dev.tocsin.event.Severity;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testkit.Answer;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.webhook.WebhookDestination;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A test page reports, per destination and step, what the service did, in the words of its outcome. */
class TestPageTest {
    /** Short, so that failing steps report soon (when it is up); the outcomes never depend on it. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** For steps that pass, which end as soon as they are accepted: room for a slow machine. */
    static final Duration PASSING = Duration.ofSeconds(10);

    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();
    /** A webhook receiver: any body, answered 200. */
    @RegisterExtension
    final InboxFixture hooks = new InboxFixture();

    @Test
    void everyDestinationAcceptsTheTriggerAndTheResolve() {
        WebhookDestination webhook = WebhookDestination.builder().url(hooks.inbox().webhookUrl("test-page")).build();
        api.answer(Answer.normally());

        Report report = TestPage.of(api.destination(), webhook).source("test-host").run(PASSING);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.failed()).isEmpty();
        assertThat(report.results()).extracting(TestPage.Result::destination)
                .containsExactly(api.destination().name(), webhook.name());
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.trigger().outcome()).isEqualTo(Outcome.ACCEPTED);
            assertThat(r.resolve().outcome()).isEqualTo(Outcome.ACCEPTED);
        });
        assertThat(report.toString()).contains("PASSED", "trigger: accepted", "resolve: accepted");
        assertThat(api.alerts()).extracting(a -> a.path("event_action").asText())
                .containsExactly("trigger", "resolve");
        assertThat(api.alerts().get(0).path("dedup_key").asText()).isEqualTo(report.dedupKey())
                .startsWith(TestPage.DEDUP_KEY_PREFIX);
        assertThat(api.alerts().get(0).path("payload").path("summary").asText())
                .isEqualTo("Tocsin test page from test-host — safe to ignore; it resolves itself");
        assertThat(api.alerts().get(0).path("payload").path("severity").asText()).isEqualTo("info");
        assertThat(hooks.requests("/hooks/test-page")).hasSize(2);
    }

    @Test
    void eachRunHasADedupKeyOfItsOwnAndTheSeverityCanBeCritical() {
        TestPage page = TestPage.of(api.destination()).severity(Severity.CRITICAL);

        String first = page.run(PASSING).dedupKey();
        String second = page.run(PASSING).dedupKey();

        assertThat(first).isNotEqualTo(second);
        assertThat(api.alerts()).filteredOn(a -> a.path("event_action").asText().equals("trigger"))
                .allSatisfy(a -> assertThat(a.path("payload").path("severity").asText()).isEqualTo("critical"));
    }

    @Test
    void aRefusalShowsTheServicesMessageAndTheResolveIsNotSent() {
        api.answer(Answer.status(400).withHeader("Content-Type", "application/json").withBody("{\"status\":"
                + "\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Length of 'routing_key' "
                + "is incorrect (should be 32 characters)\"]}"));

        Report report = TestPage.of(api.destination()).run(TIMEOUT);

        assertThat(report.passed()).isFalse();
        TestPage.Result result = report.results().get(0);
        assertThat(result.trigger().outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.trigger().message()).contains("HTTP 400", "Length of 'routing_key' is incorrect");
        assertThat(result.resolve().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.toString()).contains("FAILED at 1 of 1 destinations: " + api.destination().name(),
                "trigger: refused with HTTP 400", "resolve: not sent");
        assertThat(api.alerts()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"429, THROTTLED, throttled: HTTP 429", "503, SERVER_ERROR, server error: HTTP 503",
        "500, SERVER_ERROR, server error: HTTP 500", "408, THROTTLED, throttled: HTTP 408"})
    void anAnswerThatKeepsFailingIsReportedWhenTheTimeoutIsUp(int status, Outcome outcome, String words) {
        api.answer(Answer.status(status));

        Report report = TestPage.of(api.destination()).run(TIMEOUT);

        assertThat(report.results().get(0).trigger().outcome()).isEqualTo(outcome);
        assertThat(report.toString()).contains("trigger: " + words, "failed within 3 s");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PagerDutyDestination closed = PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                .endpoint("http://127.0.0.1:" + port + "/v2/enqueue").build();

        Report report = TestPage.of(closed).run(TIMEOUT);

        assertThat(report.results().get(0).trigger().outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(report.toString()).contains("trigger: unreachable: connection refused");
    }

    @Test
    void aSlowServiceTimesOut() {
        api.answer(Answer.normally().delayedBy(Duration.ofSeconds(8)));

        Report report = TestPage.of(api.destination()).run(TIMEOUT);

        assertThat(report.results().get(0).trigger().outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(report.toString()).contains("trigger: timed out");
    }

    @Test
    void aResetConnectionIsUnreachable() {
        api.answer(Answer.connectionReset());

        Report report = TestPage.of(api.destination()).run(TIMEOUT);

        assertThat(report.results().get(0).trigger().outcome()).isEqualTo(Outcome.UNREACHABLE);
    }

    @Test
    void oneDestinationsFailureIsNamedAndTheOthersStillPass() {
        WebhookDestination webhook = WebhookDestination.builder().url(hooks.inbox().webhookUrl("test-page")).build();
        PagerDutyDestination refused = api.destination();
        api.answer(Answer.status(400).withBody("{\"status\":\"invalid event\",\"errors\":[\"no\"]}"));

        Report report = TestPage.of(webhook, refused).run(PASSING);

        assertThat(report.failed()).containsExactly(refused.name());
        assertThat(report.results().get(0).passed()).isTrue();
        assertThat(report.results().get(1).trigger().outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void badSettingsAreRefusedWithTheirNames() {
        TestPage page = TestPage.of(api.destination());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> page.run(Duration.ZERO))
                .hasMessageStartingWith("tocsin: the test page's timeout must be a positive duration");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestPage.of().run(TIMEOUT))
                .hasMessage("tocsin: the test page has no destination");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestPage.of((PagerDutyDestination) null))
                .hasMessageContaining("null destination");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> page.and(() -> java.util.List.of()))
                .hasMessageContaining("no peers");
    }
}
