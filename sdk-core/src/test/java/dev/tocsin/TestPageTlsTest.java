package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.TestPage.Outcome;
import dev.tocsin.TestPage.Report;
import dev.tocsin.pagerduty.PagerDutyDestination;
import dev.tocsin.testing.InboxFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An endpoint whose certificate the JVM does not trust is a TLS problem, not "unreachable". */
class TestPageTlsTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture().https();

    @Test
    void anUntrustedCertificateIsATlsProblem() {
        PagerDutyDestination untrusted = PagerDutyDestination.builder().routingKey(InboxFixture.ROUTING_KEY)
                .endpoint(api.endpoint()).build();

        Report report = TestPage.of(untrusted).run(TestPageTest.TIMEOUT);

        TestPage.Step trigger = report.results().get(0).trigger();
        assertThat(trigger.outcome()).as(report.toString()).isEqualTo(Outcome.TLS_PROBLEM);
        assertThat(report.toString()).contains("trigger: TLS problem: ", "SSLHandshakeException",
                "check the endpoint's certificate");
        assertThat(api.requests()).isEmpty();
    }
}
