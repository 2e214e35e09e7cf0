package dev.tocsin.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.internal.outbox.Verdict;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cause chains the JDK's HTTP client really produces (JDK 17 and 25, read off a probe against 127.0.0.1),
 * and what each is called. The innermost exception is often the least telling one.
 */
class NetworkFailuresTest {

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("refused", new CompletionException(connect(new ClosedChannelException())),
                        "connection refused (ConnectException)"),
                Arguments.of("unknown host", new CompletionException(connect(new UnresolvedAddressException())),
                        "unknown host (UnresolvedAddressException)"),
                Arguments.of("request timeout on JDK 17", new CompletionException(new HttpTimeoutException(
                        "request timed out").initCause(new IOException("HTTP/1.1 header parser received no bytes",
                        new IOException("connection closed locally")))), "timed out (HttpTimeoutException)"),
                Arguments.of("connect timeout", new HttpConnectTimeoutException("HTTP connect timed out"),
                        "connect timed out (HttpConnectTimeoutException)"),
                Arguments.of("the transport's own bound", new CompletionException(new TimeoutException()),
                        "timed out (TimeoutException)"),
                Arguments.of("reset", new IOException("HTTP/1.1 header parser received no bytes",
                        new SocketException("Connection reset")), "connection reset (SocketException)"),
                Arguments.of("broken pipe", new SocketException("Broken pipe (Write failed)"),
                        "connection reset (SocketException)"),
                Arguments.of("empty response", new IOException("HTTP/1.1 header parser received no bytes",
                        new EOFException("EOF reached while reading")),
                        "connection closed without an answer (IOException)"),
                Arguments.of("empty response, as the client hands it over", new CompletionException(
                        new IOException("HTTP/1.1 header parser received no bytes", new EOFException())),
                        "connection closed without an answer (IOException)"),
                Arguments.of("TLS", new SSLHandshakeException("PKIX path building failed").initCause(
                        new java.security.cert.CertificateException("unable to find valid certification path")),
                        "TLS failure: PKIX path building failed (SSLHandshakeException)"),
                Arguments.of("anything else", new IllegalStateException("odd", new IOException("disk")),
                        "java.io.IOException: disk"));
    }

    private static ConnectException connect(Throwable cause) {
        ConnectException e = new ConnectException(); // the JDK's client gives it no message
        e.initCause(cause);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void aFailureIsCalledWhatItIs(String what, Throwable failure, String expected) {
        assertThat(NetworkFailures.describe(failure)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void theVerdictIsUnchanged(String what, Throwable failure, String expected) {
        assertThat(Verdict.of(failure)).isEqualTo(what.equals("TLS") ? Verdict.STOP : Verdict.RETRY);
    }
}
