package dev.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncidentInboxTest {
    @RegisterExtension
    final InboxExtension extension = new InboxExtension().allowInvalidRequests();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String trigger(String key, String summary, String severity) {
        return "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
                + key + "\",\"payload\":{\"summary\":\"" + summary + "\",\"source\":\"host-1\",\"severity\":\"" + severity
                + "\",\"custom_details\":{\"attempts\":3}},\"links\":[{\"href\":\"https://runbooks.example.com/pay\","
                + "\"text\":\"Runbook\"}]}";
    }

    static String action(String action, String key) {
        return "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY + "\",\"event_action\":\"" + action
                + "\",\"dedup_key\":\"" + key + "\"}";
    }

    HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void incidentLifecycle() throws Exception {
        IncidentInbox inbox = extension.inbox();
        HttpResponse<String> first = post(inbox.eventsUrl(), trigger("pay", "Payment failed", "critical"));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"dedup_key\":\"pay\"");
        post(inbox.eventsUrl(), trigger("pay", "Payment failed again", "critical"));
        post(inbox.eventsUrl(), trigger("pay", "Payment failed again", "critical"));
        InboxAssertions.assertThat(inbox).hasIncident("pay").isOpen().hasSeverity("critical").hasOccurrences(3)
                .hasLink("runbook").hasDetail("attempts", "3");
        post(inbox.eventsUrl(), action("acknowledge", "pay"));
        InboxAssertions.assertThat(inbox).hasIncident("pay").isAcknowledged();
        post(inbox.eventsUrl(), action("resolve", "pay"));
        InboxAssertions.assertThat(inbox).hasIncident("pay").isResolved();
        post(inbox.eventsUrl(), trigger("pay", "Payment failed once more", "error"));
        assertThat(inbox.incidents()).hasSize(2);
        assertThat(inbox.incident("pay").orElseThrow().number()).isEqualTo(2);
        assertThat(inbox.incidents().get(0).timeline()).extracting(Incident.TimelineEntry::action)
                .containsExactly("trigger", "trigger", "trigger", "acknowledge", "resolve");
        assertThat(inbox.incidents().get(0).toString()).doesNotContain(IncidentInbox.ROUTING_KEY);
    }

    @Test
    void refusesWhatPagerDutyRefuses() throws Exception {
        IncidentInbox inbox = extension.inbox();
        HttpResponse<String> r = post(inbox.eventsUrl(), "{\"routing_key\":\"short\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"\",\"source\":\"h\",\"severity\":\"fatal\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("invalid event");
        assertThat(body.path("errors").toString()).contains("routing_key", "payload.summary", "payload.severity");
        assertThat(inbox.incidents()).isEmpty();
        assertThat(inbox.invalidRequests()).hasSize(1);
        assertThat(post(inbox.eventsUrl(), "not json").statusCode()).isEqualTo(400);
        assertThat(post(inbox.changeEventsUrl(), "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY
                + "\",\"payload\":{\"summary\":\"Deployed 1.2\"},\"images\":[]}").statusCode()).isEqualTo(400);
        assertThat(post(inbox.changeEventsUrl(), "{\"routing_key\":\"" + IncidentInbox.ROUTING_KEY
                + "\",\"payload\":{\"summary\":\"Deployed 1.2\"}}").statusCode()).isEqualTo(202);
        InboxAssertions.assertThat(inbox).hasChange("Deployed 1.2");
    }

    @Test
    void alertmanagerAlerts() throws Exception {
        IncidentInbox inbox = extension.inbox();
        String url = inbox.url() + "/api/v2/alerts";
        assertThat(post(url, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"a\"},"
                + "\"annotations\":{\"summary\":\"disk\"},\"startsAt\":\"2026-01-01T00:00:00Z\"}]").statusCode())
                .isEqualTo(200);
        InboxAssertions.assertThat(inbox).hasAlertmanagerAlert(Map.of("alertname", "DiskFull")).isFiring()
                .hasAnnotation("summary", "disk");
        HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(URI.create(url + "?filter="
                + java.net.URLEncoder.encode("alertname=\"DiskFull\"", "UTF-8"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(lookup.body())).hasSize(1);
        assertThat(post(url, "[{\"annotations\":{}}]").statusCode()).isEqualTo(422);
        assertThat(post(url, "[{\"labels\":{}},{\"labels\":{\"alertname\":\"Ok\"}}]").statusCode()).isEqualTo(400);
        assertThat(inbox.alertmanagerAlerts()).hasSize(2);
        post(url, "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"a\"},\"startsAt\":\"2026-01-01T00:00:00Z\","
                + "\"endsAt\":\"2026-01-01T00:01:00Z\"}]");
        InboxAssertions.assertThat(inbox).hasAlertmanagerAlert(Map.of("alertname", "DiskFull")).isResolved();
    }

    @Test
    void faultsOnCommand() throws Exception {
        IncidentInbox inbox = extension.inbox();
        inbox.answer(Endpoint.EVENTS, Answer.status(503), Answer.status(429).withRetryAfter("7"),
                Answer.connectionReset(), Answer.garbage(), Answer.hangUp(), Answer.normally().delayedBy(Duration.ofMillis(50)));
        String body = trigger("k", "s", "info");
        assertThat(post(inbox.eventsUrl(), body).statusCode()).isEqualTo(503);
        HttpResponse<String> throttled = post(inbox.eventsUrl(), body);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("7");
        assertThatThrownBy(() -> post(inbox.eventsUrl(), body)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> post(inbox.eventsUrl(), body)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> post(inbox.eventsUrl(), body)).isInstanceOf(IOException.class);
        assertThat(inbox.incidents()).isEmpty();
        assertThat(post(inbox.eventsUrl(), body).statusCode()).isEqualTo(202);
        assertThat(inbox.incidents()).hasSize(1);
        inbox.answer(Endpoint.EVENTS, Answer.normally().delayedBy(Duration.ofSeconds(3)));
        HttpRequest slow = HttpRequest.newBuilder(URI.create(inbox.eventsUrl())).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThatThrownBy(() -> http.send(slow, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        inbox.answerNormally();
        inbox.stop();
        assertThatThrownBy(() -> post(inbox.eventsUrl(), body)).isInstanceOf(ConnectException.class);
        inbox.restart();
        assertThat(post(inbox.eventsUrl(), body).statusCode()).isEqualTo(202);
        assertThat(inbox.incident("k").orElseThrow().occurrences()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void rateLimitLikePagerDuty() throws Exception {
        try (IncidentInbox limited = IncidentInbox.builder().rateLimit(2, Duration.ofMinutes(1)).start()) {
            assertThat(post(limited.eventsUrl(), trigger("a", "s", "info")).statusCode()).isEqualTo(202);
            assertThat(post(limited.eventsUrl(), trigger("b", "s", "info")).statusCode()).isEqualTo(202);
            assertThat(post(limited.eventsUrl(), trigger("c", "s", "info")).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void webPageAndState() throws Exception {
        IncidentInbox inbox = extension.inbox();
        post(inbox.eventsUrl(), trigger("pay", "Payment failed", "critical"));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Tocsin incident inbox");
        HttpResponse<String> state = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/inbox/api/state"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(state.body()).contains("Payment failed").doesNotContain(IncidentInbox.ROUTING_KEY);
        assertThat(Json.MAPPER.readTree(state.body()).path("received").asLong()).isEqualTo(1);
    }

    @Test
    void thePageRunsOnlyItsOwnScript() throws Exception {
        IncidentInbox inbox = extension.inbox();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(inbox.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String html = page.body();
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String hash = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'sha256-" + hash + "'", "connect-src 'self'")
                .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        assertThat(html).as("one script, no handler attributes, nothing fetched from elsewhere")
                .containsOnlyOnce("<script").doesNotContain("innerHTML", "onclick=", "onload=", "http://", "https://");
    }

    @Test
    void assertionFailureSaysWhatTheInboxHolds() {
        IncidentInbox inbox = extension.inbox();
        assertThatThrownBy(() -> InboxAssertions.assertThat(inbox).within(Duration.ofMillis(50)).hasIncident("nope"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("nope").hasMessageContaining("0 incidents");
    }
}
