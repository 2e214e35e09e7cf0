package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.testing.InboxFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's plain Logback set-up in a child JVM ({@link LoggingThenExitingMain}): an error logged just before
 * main returns still pages, through a JVM shutdown hook that {@code <closeOnExit>false</closeOnExit>} leaves out,
 * and an endpoint that never answers delays the exit by the shutdown timeout, not for ever.
 */
class AppenderExitTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    /** Far above any shutdown timeout these tests set, and far below a hang: not a measure of speed. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    @ParameterizedTest(name = "client {0}")
    @ValueSource(strings = {"built", "deferred"})
    void anErrorLoggedJustBeforeMainReturnsStillPages(String client) throws Exception {
        // deferred: the JVM exits while the appender still waits for SLF4J to build its client, holding the error
        String output = runToExit(api.endpoint(), client);

        assertThat(output).contains("tocsin hooks: [" + (client.equals("built") ? "tocsin-shutdown"
                : "tocsin-appender-exit") + "]");
        assertThat(api.alerts()).singleElement().satisfies(b -> {
            assertThat(b.path("payload").path("summary").asText()).isEqualTo("nightly job failed");
            assertThat(b.path("payload").path("custom_details").path("exception").asText()).contains("disk full");
        });
    }

    @ParameterizedTest(name = "client {0}")
    @ValueSource(strings = {"built", "deferred"})
    void closeOnExitFalseRegistersNoExitHook(String client) throws Exception {
        String output = runToExit(api.endpoint(), client, "closeOnExit=false");

        assertThat(output).contains("tocsin hooks: []");
        if (client.equals("deferred")) {
            // nothing built the client before the JVM ended, and nothing at exit: the held error is gone
            assertThat(api.alertCount()).isZero();
        }
    }

    @Test
    void closeOnExitFalseLeavesTheExitToLogbacksOwnStop() throws Exception {
        // what <closeOnExit>false</closeOnExit> is for: the application stops Logback at exit, as <shutdownHook/> does
        String output = runToExit(api.endpoint(), "deferred", "closeOnExit=false", "stopLogbackAtExit");

        assertThat(output).contains("tocsin hooks: []");
        assertThat(api.alerts()).singleElement().satisfies(b ->
                assertThat(b.path("payload").path("summary").asText()).isEqualTo("nightly job failed"));
    }

    @Test
    void anEndpointThatNeverAnswersDelaysTheExitByTheShutdownTimeoutOnly() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String output = runToExit("http://127.0.0.1:" + silent.port() + InboxFixture.ALERTS_PATH, "built",
                    "shutdownTimeout=1 second");

            assertThat(silent.accepted.get()).as("connections the page was sent on").isPositive();
            assertThat(output).contains("tocsin hooks: [tocsin-shutdown]").contains("undelivered");
        }
    }

    /**
     * Runs {@link LoggingThenExitingMain} and waits (at most {@link #EXIT_BOUND}) for it to exit by itself, with
     * status 0.
     *
     * @return what it printed, standard error included
     */
    private static String runToExit(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", // for the list of shutdown hooks
                "-cp", System.getProperty("java.class.path"), LoggingThenExitingMain.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(child.getInputStream()));
            await().atMost(EXIT_BOUND).until(() -> !child.isAlive());
            assertThat(child.exitValue()).isZero();
            return output.join();
        } finally {
            child.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on 127.0.0.1 that accepts connections and never answers, nor reads what is sent. */
    private static final class SilentServer implements AutoCloseable {
        private static final int MAX_CONNECTIONS = 100;
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        final AtomicInteger accepted = new AtomicInteger();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(this::accept, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                try {
                    held.add(socket.accept());
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
