package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Link;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Answer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN.md's retry table, row by row, against a fake Events API. */
class DeliveryTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    private DeliveryResult outcome(java.util.concurrent.CompletionStage<DeliveryResult> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The first {@code failures} answers are {@code failure}, then 202. */
    private void failThenAccept(int failures, Answer failure) {
        List<Answer> answers = new ArrayList<>(Collections.nCopies(failures, failure));
        answers.add(Answer.normally());
        api.answerInTurn(answers);
    }

    @Test
    void triggerIsDeliveredAsPagerDutyEvent() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = outcome(tocsin.trigger(Alert.trigger("Disk full on db-1")
                .severity(Severity.CRITICAL).component("postgres").group("db").type("disk")
                .detail("free", "1%").link("https://runbooks.example.com/disk", "runbook")
                .image("https://img.example.com/chart.png", null, "chart").build()));

        assertThat(result.status()).isEqualTo(Status.DELIVERED);
        JsonNode body = api.alerts().get(0);
        assertThat(body.path("event_action").asText()).isEqualTo("trigger");
        assertThat(body.path("dedup_key").asText()).isEqualTo(result.dedupKey());
        assertThat(body.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(body.path("payload").path("source").asText()).isEqualTo("test-host");
        assertThat(body.path("payload").path("class").asText()).isEqualTo("disk");
        assertThat(body.path("payload").path("custom_details").path("free").asText()).isEqualTo("1%");
        assertThat(body.path("links").get(0).path("href").asText()).isEqualTo("https://runbooks.example.com/disk");
        assertThat(tocsin.stats().delivered()).isEqualTo(1);
    }

    @Test
    void a400IsNotRetriedAndItsErrorsAreLoggedOnce() throws Exception {
        api.answer(Answer.status(400).withBody(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"'payload.summary' is missing or blank\"]}"));
        try (LogCapture logs = new LogCapture()) {
            Tocsin tocsin = api.client();
            DeliveryResult result = outcome(tocsin.trigger("boom", Severity.ERROR));

            assertThat(result.status()).isEqualTo(Status.REJECTED);
            assertThat(result.detail()).contains("'payload.summary' is missing or blank");
            assertThat(api.alertCount()).isEqualTo(1);
            assertThat(logs.lines().stream().filter(l -> l.contains("'payload.summary' is missing or blank")))
                    .hasSize(1);
            assertThat(tocsin.stats().rejected()).isEqualTo(1);
            assertThat(tocsin.stats().retried()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 413, 422})
    void otherClientErrorsAreNotRetried(int status) throws Exception {
        api.answer(Answer.status(status).withBody("nope"));
        Tocsin tocsin = api.client();
        DeliveryResult result = outcome(tocsin.trigger("boom", Severity.ERROR));
        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.detail()).contains("HTTP " + status).contains("nope");
        assertThat(api.alertCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreRetriedUntilAccepted(int status) throws Exception {
        failThenAccept(3, Answer.status(status));
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alertCount()).isEqualTo(4);
        assertThat(tocsin.stats().retried()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429})
    void throttlingIsRetriedAfterRetryAfterSeconds(int status) throws Exception {
        failThenAccept(1, Answer.status(status).withRetryAfter("1"));
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alertCount()).isEqualTo(2);
        var requests = api.requests();
        // Retry-After is honoured: the retry came no earlier than the server asked (order is oldest first).
        long gap = requests.get(1).receivedAt().toEpochMilli() - requests.get(0).receivedAt().toEpochMilli();
        assertThat(gap).isGreaterThanOrEqualTo(900);
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterHttpDate() throws Exception {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        failThenAccept(1, Answer.status(429).withRetryAfter(inOneSecond));
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
        assertThat(api.alertCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("networkFaults")
    void networkFaultsAreRetried(Answer fault) throws Exception {
        failThenAccept(2, fault);
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
        assertThat(tocsin.stats().retried()).isEqualTo(2);
    }

    static Stream<Answer> networkFaults() {
        return Stream.of(Answer.connectionReset(), Answer.hangUp(), Answer.malformedChunk(), Answer.garbage());
    }

    @Test
    void aGarbageBodyOnSuccessStillCountsAsDelivered() throws Exception {
        api.answer(Answer.status(202).withBody("<html>\u0000\u00ff not json"));
        assertThat(outcome(api.client().trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void aGarbageBodyOnRefusalIsReportedAsText() throws Exception {
        api.answer(Answer.status(400).withBody("<<garbage>>"));
        DeliveryResult result = outcome(api.client().trigger("boom", Severity.ERROR));
        assertThat(result.status()).isEqualTo(Status.REJECTED);
        assertThat(result.detail()).contains("<<garbage>>");
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutIsRetried() throws Exception {
        failThenAccept(1, Answer.normally().delayedBy(Duration.ofSeconds(3)));
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger("boom", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
        assertThat(tocsin.stats().retried()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheServerIsBack() throws Exception {
        Tocsin tocsin = api.client();
        api.stop();
        var result = tocsin.trigger("boom", Severity.ERROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> tocsin.stats().retried() >= 2);
        // Same port, stubbed before it starts: a retry arriving in between would get a 404 and be rejected for good.
        api.restart();
        assertThat(outcome(result).status()).isEqualTo(Status.DELIVERED);
    }

    @Test
    void changeEventsGoToTheChangeEndpoint() throws Exception {
        Tocsin tocsin = api.client();
        DeliveryResult result = outcome(tocsin.change(new ChangeEvent("Deployed 1.4.2", null, null,
                java.util.Map.of("version", "1.4.2"), java.util.List.of(new Link("https://ci.example.com/1", "build")))));
        assertThat(result.status()).isEqualTo(Status.DELIVERED);
        var changes = api.changes();
        assertThat(changes).hasSize(1);
        JsonNode body = changes.get(0);
        assertThat(body.path("payload").path("summary").asText()).isEqualTo("Deployed 1.4.2");
        assertThat(body.path("payload").path("source").asText()).isEqualTo("test-host");
    }

    @Test
    void hugeResponseBodiesAreReadOnlyUpToACap() throws Exception {
        api.answerInTurn(Answer.status(202).withBody("y".repeat(5_000_000)),
                Answer.status(400).withBody("x".repeat(1_000_000)));
        Tocsin tocsin = api.client();
        assertThat(outcome(tocsin.trigger(Alert.trigger("a").dedupKey("a").build())).status())
                .isEqualTo(Status.DELIVERED);
        DeliveryResult refused = outcome(tocsin.trigger(Alert.trigger("b").dedupKey("b").build()));
        assertThat(refused.status()).isEqualTo(Status.REJECTED);
        assertThat(refused.detail().length()).isLessThan(2_000);
    }

    @Test
    void aDestinationThatFailsToEncodeOneEventDoesNotStopTheOthers() throws Exception {
        dev.tocsin.pagerduty.PagerDutyDestination real = api.destination();
        dev.tocsin.spi.Destination poisoned = new dev.tocsin.spi.Destination() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public String laneKey() {
                return real.laneKey();
            }

            @Override
            public dev.tocsin.spi.WireRequest encode(Alert alert) {
                if (alert.summary().equals("poison")) {
                    throw new IllegalStateException("cannot encode this one");
                }
                return real.encode(alert);
            }

            @Override
            public dev.tocsin.spi.WireRequest encode(ChangeEvent event) {
                return real.encode(event);
            }
        };
        Tocsin tocsin = api.track(Tocsin.builder().destination(poisoned).build());
        assertThat(outcome(tocsin.trigger("poison", Severity.ERROR)).status()).isEqualTo(Status.DROPPED);
        assertThat(outcome(tocsin.trigger("fine", Severity.ERROR)).status()).isEqualTo(Status.DELIVERED);
    }
}
