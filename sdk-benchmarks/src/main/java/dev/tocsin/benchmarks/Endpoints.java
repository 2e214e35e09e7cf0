package dev.tocsin.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Local endpoints on 127.0.0.1 for the benchmarks: one that answers 202 and counts, one that never answers, and
 * one that notes when each dedup key first arrived and can fail or go away for a while.
 */
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

    /**
     * An Events API stand-in that notes when each dedup key's first request arrived ({@link System#nanoTime()}),
     * answers every POST with {@link #answer(int) a chosen status} (202 unless told), and can be {@linkplain #stop()
     * stopped} (connections are then refused) and {@linkplain #start() started} again on the same port.
     */
    static final class Receiver implements AutoCloseable {
        final AtomicLong requests = new AtomicLong();
        private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        private final int port;
        private volatile int status = 202;
        private HttpServer server;

        Receiver() throws IOException {
            server = bind(0);
            port = server.getAddress().getPort();
        }

        private HttpServer bind(int onPort) throws IOException {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
            s.createContext("/v2/enqueue", exchange -> {
                long arrivedAt = System.nanoTime();
                requests.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int answer = status;
                String key = dedupKey(body);
                if (key != null && answer / 100 == 2) {
                    firstArrival.putIfAbsent(key, arrivedAt);
                }
                byte[] reply = (answer / 100 == 2 ? "{\"status\":\"success\"}" : "{\"status\":\"error\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            s.start();
            return s;
        }

        private static String dedupKey(String body) {
            String field = "\"dedup_key\":\"";
            int from = body.indexOf(field);
            if (from < 0) {
                return null;
            }
            from += field.length();
            int to = body.indexOf('"', from);
            return to < 0 ? null : body.substring(from, to);
        }

        String url() {
            return "http://127.0.0.1:" + port + "/v2/enqueue";
        }

        /** The status every later request is answered with. */
        void answer(int code) {
            status = code;
        }

        /** Closes the port: connections are refused until {@link #start()}. */
        synchronized void stop() {
            server.stop(0);
            server = null;
        }

        /** Listens on the same port again. */
        synchronized void start() throws IOException {
            server = bind(port);
        }

        /** When {@code key} was first accepted ({@link System#nanoTime()}), or {@code null} if not yet. */
        Long arrival(String key) {
            return firstArrival.get(key);
        }

        /** Waits until every one of {@code keys} was accepted; {@code false} if not within the timeout. */
        boolean awaitAll(Iterable<String> keys, long timeout, TimeUnit unit) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            for (String key : keys) {
                while (!firstArrival.containsKey(key)) {
                    if (System.nanoTime() - deadline > 0) {
                        return false;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            return true;
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
