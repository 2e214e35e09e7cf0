package dev.tocsin.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Local endpoints on 127.0.0.1 for the benchmarks: one that answers 202 and counts, one that never answers. */
final class Endpoints {
    static final String ROUTING_KEY = "BenchmarkRoutingKey0000000000000";

    private Endpoints() {
    }

    /**
     * An Events API stand-in that answers every POST with 202 and counts requests; it also notes when the first
     * request whose body holds the {@linkplain #watchFor watched} text arrived.
     */
    static final class Healthy implements AutoCloseable {
        final AtomicLong requests = new AtomicLong();
        private final HttpServer server;
        private volatile String watched;
        private final CountDownLatch seen = new CountDownLatch(1);
        private volatile long seenAtNanos;

        Healthy() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/v2/enqueue", exchange -> {
                requests.incrementAndGet();
                byte[] request = exchange.getRequestBody().readAllBytes();
                String watch = watched;
                if (watch != null && seen.getCount() > 0
                        && new String(request, StandardCharsets.UTF_8).contains(watch)) {
                    seenAtNanos = System.nanoTime();
                    seen.countDown();
                }
                byte[] body = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
        }

        /** Watches for the first request that holds {@code text}. */
        void watchFor(String text) {
            watched = text;
        }

        /** When the watched request arrived ({@link System#nanoTime()}), or {@code -1} if not within the wait. */
        long awaitWatched(long timeout, TimeUnit unit) throws InterruptedException {
            return seen.await(timeout, unit) ? seenAtNanos : -1;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A port that accepts connections and never answers: the worst destination there is. */
    static final class Hanging implements AutoCloseable {
        private final ServerSocket socket;

        Hanging() throws IOException {
            socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v2/enqueue";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
