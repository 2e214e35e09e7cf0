package dev.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a client sends, the inbox answers the next request; and its JUnit extension keeps the contract. */
class InboxRobustnessTest {
    @RegisterExtension
    final InboxExtension extension = new InboxExtension().allowInvalidRequests();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static Stream<byte[]> hostileRequests() {
        Random random = new Random(20261203);
        List<byte[]> out = new ArrayList<>();
        out.add("GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add("POST /v2/enqueue HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add("POST /v2/enqueue HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1));
        out.add("POST /v2/enqueue HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.add(("GET /" + "a".repeat(40_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.add("POST /v2/enqueue HTTP/1.1\r\nBadHeader\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[random.nextInt(2_000)];
            random.nextBytes(bytes);
            out.add(bytes);
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileRequests")
    void aHostileRequestLeavesTheInboxServing(byte[] request) throws Exception {
        IncidentInbox inbox = extension.inbox();
        try (Socket socket = new Socket("127.0.0.1", inbox.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            in.readNBytes(65_536); // whatever it answers, until it closes the connection
        }
        assertThat(post(inbox, IncidentInboxTest.trigger("after", "still serving", "info")).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aChunkedBodyIsReadWhole() throws Exception {
        IncidentInbox inbox = extension.inbox();
        byte[] body = IncidentInboxTest.trigger("chunked", "in chunks", "info").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", inbox.port())) {
            socket.setSoTimeout(5_000);
            StringBuilder chunks = new StringBuilder();
            for (int i = 0; i < body.length; i += 50) {
                int n = Math.min(50, body.length - i);
                chunks.append(Integer.toHexString(n)).append("\r\n")
                        .append(new String(body, i, n, StandardCharsets.UTF_8)).append("\r\n");
            }
            socket.getOutputStream().write(("POST /v2/enqueue HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n" + chunks + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 202").contains("\"dedup_key\":\"chunked\"");
        }
    }

    @Test
    void manyClientsAtOnceAreAllCounted() {
        IncidentInbox inbox = extension.inbox();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(http.sendAsync(request(inbox, IncidentInboxTest.trigger("same", "concurrent", "error")),
                    HttpResponse.BodyHandlers.ofString()));
        }
        sent.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(202));
        InboxAssertions.assertThat(inbox).hasIncident("same").hasOccurrences(200);
        assertThat(inbox.incidents()).hasSize(1);
    }

    @Test
    void aRequestLargerThanPagerDutyTakesIsRefused() throws Exception {
        IncidentInbox inbox = extension.inbox();
        String big = IncidentInboxTest.trigger("big", "x".repeat(10), "info")
                .replace("\"attempts\":3", "\"blob\":\"" + "y".repeat(600 * 1024) + "\"");
        HttpResponse<String> r = post(inbox, big);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("the limit is 524288");
    }

    @Test
    void aTestThatSentWhatTheServiceRefusesIsFailed() throws Exception {
        IncidentInbox inbox = extension.inbox();
        InboxExtension.assertAllValid(inbox);
        post(inbox, "{\"routing_key\":\"nope\",\"event_action\":\"trigger\"}");
        assertThatThrownBy(() -> InboxExtension.assertAllValid(inbox)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 request the real service would refuse")
                .hasMessageContaining("'routing_key' is invalid");
        assertThatThrownBy(() -> InboxAssertions.assertThat(inbox).hasNoInvalidRequests())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void configurationSlipsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> IncidentInbox.builder().port(70_000)).hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> IncidentInbox.builder().rateLimit(0, Duration.ofMinutes(1)))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> IncidentInbox.builder().rateLimit(1, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Answer.status(42)).hasMessageContaining("100 to 599");
        assertThatThrownBy(() -> Answer.normally().delayedBy(Duration.ofHours(1))).hasMessageContaining("1 minute");
        assertThatThrownBy(() -> extension.inbox().answer(Endpoint.EVENTS)).hasMessageContaining("no answer");
        assertThatThrownBy(() -> extension.inbox().heartbeatUrl(" ")).hasMessageContaining("non-blank");
        int taken = extension.inbox().port();
        assertThatThrownBy(() -> IncidentInbox.builder().port(taken).start()).hasMessageContaining("cannot listen on")
                .hasMessageContaining(String.valueOf(taken));
    }

    @Test
    void heartbeatPingsAreAnsweredAndKept() throws Exception {
        IncidentInbox inbox = extension.inbox();
        for (String suffix : new String[] {"/start", "", "/fail"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(inbox.heartbeatUrl("orders") + suffix))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("OK");
        }
        // a request is recorded just after it is answered: wait for the last one
        inbox.await("three pings", i -> i.pings("orders").size() == 3, Duration.ofSeconds(5));
        assertThat(inbox.pings("orders")).extracting(ReceivedRequest::path)
                .containsExactly("/ping/orders/start", "/ping/orders", "/ping/orders/fail");
        assertThat(inbox.pings("order")).isEmpty();
    }

    private HttpRequest request(IncidentInbox inbox, String body) {
        return HttpRequest.newBuilder(URI.create(inbox.eventsUrl())).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(IncidentInbox inbox, String body) throws Exception {
        return http.send(request(inbox, body), HttpResponse.BodyHandlers.ofString());
    }
}
