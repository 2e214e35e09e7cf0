package dev.tocsin.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void statusCodesFollowTheRetryTable() {
        assertThat(Verdict.of(200)).isEqualTo(Verdict.DELIVERED);
        assertThat(Verdict.of(202)).isEqualTo(Verdict.DELIVERED);
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 422}) {
            assertThat(Verdict.of(status)).isEqualTo(Verdict.REJECTED);
        }
        assertThat(Verdict.of(408)).isEqualTo(Verdict.THROTTLED);
        assertThat(Verdict.of(429)).isEqualTo(Verdict.THROTTLED);
        for (int status : new int[] {500, 502, 503, 504, 301}) {
            assertThat(Verdict.of(status)).isEqualTo(Verdict.RETRY);
        }
    }

    @Test
    void certificateFailuresStopButOtherTlsAndNetworkFailuresRetry() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertThat(Verdict.of(untrusted)).isEqualTo(Verdict.STOP);
        assertThat(Verdict.of(new IOException(new SSLHandshakeException("Received fatal alert: handshake_failure"))))
                .isEqualTo(Verdict.STOP);
        assertThat(Verdict.of(new SSLHandshakeException("Remote host terminated the handshake")))
                .isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new ConnectException())).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new HttpTimeoutException("request timed out"))).isEqualTo(Verdict.RETRY);
    }
}
