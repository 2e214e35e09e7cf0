package dev.tocsin.internal.transport;

import dev.tocsin.spi.DaemonThreads;
import dev.tocsin.spi.WireRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests with one shared JDK {@link HttpClient} (connections are reused) on SDK-owned daemon threads.
 * Every exchange is bounded twice: the request timeout up to the response headers, and the same again for
 * the whole exchange, so a server that stalls mid-body cannot hold a lane forever.
 */
public final class HttpTransport {
    static final int MAX_BODY = 16 * 1024;

    private final HttpClient http;
    private final ExecutorService executor;
    private final Duration requestTimeout;

    public HttpTransport(Duration connectTimeout, Duration requestTimeout) {
        this.executor = Executors.newFixedThreadPool(2, DaemonThreads.numbered("tocsin-http"));
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** Sends one request; the future fails with the I/O error, or completes with the answer. */
    public CompletableFuture<Answer> send(WireRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", UserAgent.VALUE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(b::header);
        return http.sendAsync(b.build(), CappedBody.handler(MAX_BODY))
                .orTimeout(requestTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .thenApply(r -> new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                        r.body()));
    }

    public void close() {
        executor.shutdownNow();
    }

    /** A response: status, the raw {@code Retry-After} header, and the start of the body. */
    public record Answer(int status, String retryAfter, String body) {
    }
}
