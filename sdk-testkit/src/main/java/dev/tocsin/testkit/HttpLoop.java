package dev.tocsin.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A small HTTP/1.1 server on plain sockets, so that the fake can do what a real network does to a client and what
 * an HTTP library will not: reset a connection, answer garbage, hang up. Keep-alive, {@code Content-Length} and
 * chunked bodies, {@code Expect: 100-continue}; an {@code Upgrade: h2c} offer is ignored (answered in HTTP/1.1).
 * At most {@value #MAX_CONNECTIONS} connections at a time; the rest are closed at once.
 */
final class HttpLoop implements AutoCloseable {
    static final int MAX_CONNECTIONS = 512;
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int IDLE_MILLIS = 30_000;

    /** What the server does with one parsed request. */
    interface Handler {
        void handle(Request request, Exchange exchange) throws IOException;
    }

    /** One request, read whole. */
    record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    HttpLoop(InetAddress host, int port, Handler handler, ServerSocketFactory sockets) throws IOException {
        this.handler = handler;
        server = sockets.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, port), MAX_CONNECTIONS);
        AtomicInteger count = new AtomicInteger();
        connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "tocsin-inbox-connection-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::accept, "tocsin-inbox-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException full) {
                quietlyClose(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Request request = read(in, out);
                if (request == null) {
                    return;
                }
                Exchange exchange = new Exchange(socket, out, keepAlive(request));
                handler.handle(request, exchange);
                if (!exchange.reusable()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, sent something that is not HTTP, or the server closes: drop the connection
        } finally {
            open.remove(socket);
        }
    }

    private static boolean keepAlive(Request r) {
        String connection = r.header("connection");
        return connection == null || !connection.toLowerCase(Locale.ROOT).contains("close");
    }

    /** The next request on the connection, or {@code null} at its end. */
    private static Request read(InputStream in, OutputStream out) throws IOException {
        String line = line(in);
        if (line == null) {
            return null;
        }
        while (line.isEmpty()) { // a stray CRLF between requests
            line = line(in);
            if (line == null) {
                return null;
            }
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; ; i++) {
            String h = line(in);
            if (h == null) {
                return null;
            }
            if (h.isEmpty()) {
                break;
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || i >= MAX_HEADERS) {
                throw new IOException("bad header");
            }
            headers.merge(h.substring(0, colon).trim(), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return new Request(parts[0], parts[1], headers, body(in, headers));
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("the body ended early");
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (true) { // trailers
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                if (body.size() + n > MAX_BODY) {
                    throw new IOException("body too large");
                }
                body.write(exactly(in, n));
                line(in);
            }
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        int n = Integer.parseInt(length.trim());
        if (n < 0 || n > MAX_BODY) {
            throw new IOException("body too large");
        }
        return exactly(in, n);
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("the body ended early");
        }
        return bytes;
    }

    /** One line without its CRLF; {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    boolean closed() {
        return closed;
    }

    /** Stops listening and closes every open connection, which ends the threads serving them. */
    @Override
    public void close() {
        closed = true;
        quietlyClose(server);
        open.forEach(HttpLoop::quietlyClose);
        connections.shutdownNow();
        try {
            acceptor.join(2_000);
            connections.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietlyClose(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    /** The answer side of one request: a response, a stream of server-sent events, or a fault. */
    static final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private final boolean keepAlive;
        private boolean reusable;
        private java.util.function.IntConsumer beforeAnswer = status -> { };

        /**
         * Runs once, with the status (0 for a fault), just before the first byte of the answer leaves or the fault is
         * made: a client that has its answer always finds the request recorded.
         */
        void beforeAnswer(java.util.function.IntConsumer hook) {
            beforeAnswer = hook;
        }

        private void answering(int status) {
            java.util.function.IntConsumer hook = beforeAnswer;
            beforeAnswer = s -> { };
            hook.accept(status);
        }

        Exchange(Socket socket, OutputStream out, boolean keepAlive) {
            this.socket = socket;
            this.out = out;
            this.keepAlive = keepAlive;
        }

        boolean reusable() {
            return reusable;
        }

        void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            answering(status);
            StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                    .append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n");
            if (!keepAlive) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            reusable = keepAlive;
        }

        /** Starts a {@code text/event-stream}; the connection ends with the stream. */
        OutputStream stream(String contentType) throws IOException {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType
                    + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(0);
            return out;
        }

        /** A TCP reset: the client reads "connection reset" with no answer. */
        void reset() throws IOException {
            answering(0);
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Closes the connection without a byte of answer. */
        void hangUp() throws IOException {
            answering(0);
            socket.close();
        }

        /** Bytes that are not HTTP, then the connection closes. */
        void garbage() throws IOException {
            answering(0);
            try {
                out.write("\u0000\u00ff\u00fe garbage \r\n\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException gone) {
                // the client hung up first
            }
            socket.close();
        }

        /** A 200 with a chunked body whose first chunk is not one, then the connection closes. */
        void malformedChunk() throws IOException {
            answering(0);
            try {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\nnot a chunk\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException gone) {
                // the client hung up first
            }
            socket.close();
        }

        private static String reason(int status) {
            return switch (status) {
                case 200 -> "OK";
                case 202 -> "Accepted";
                case 204 -> "No Content";
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 405 -> "Method Not Allowed";
                case 413 -> "Payload Too Large";
                case 422 -> "Unprocessable Entity";
                case 429 -> "Too Many Requests";
                case 500 -> "Internal Server Error";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "Status";
            };
        }
    }
}
