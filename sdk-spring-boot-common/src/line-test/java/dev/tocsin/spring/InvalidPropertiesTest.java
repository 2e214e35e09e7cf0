package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/**
 * An invalid value fails startup with Spring Boot's failure report: a description and an action that name the Spring
 * property (never its core name, never "tocsin: tocsin."), and never a routing key.
 */
class InvalidPropertiesTest {
    static final String KEY = TocsinAutoConfigurationTest.KEY;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.tocsin())
            .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                    "tocsin.pagerduty.endpoint=http://127.0.0.1:9/v2/enqueue", "tocsin.shutdown-timeout=200ms",
                    "tocsin.pagerduty.routing-key=" + KEY);

    /** The report Spring Boot prints for the startup failure these properties cause. */
    private FailureAnalysis report(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            analysis[0] = FailureReports.analyze(ctx.getStartupFailure(), new StandardEnvironment());
        });
        assertThat(analysis[0].getDescription() + analysis[0].getAction()).doesNotContain("tocsin: ")
                .doesNotContain(KEY);
        return analysis[0];
    }

    @Test
    void aMalformedRoutingKeyIsNamedButNeverShown() {
        FailureAnalysis a = report("tocsin.pagerduty.routing-key=not-a-key-but-secret");
        assertThat(a.getDescription()).startsWith("Tocsin cannot start: tocsin.pagerduty.routing-key must be 32 "
                + "letters and digits").doesNotContain("not-a-key-but-secret").doesNotContain("routingKey");
        assertThat(a.getAction()).contains("tocsin.pagerduty.routing-key").contains("leave it blank");
        assertThat(a.getCause().getMessage()).doesNotContain("not-a-key-but-secret");
    }

    @Test
    void aPlainHttpEndpointOnAnotherHost() {
        FailureAnalysis a = report("tocsin.pagerduty.endpoint=http://events.example.com/v2/enqueue");
        assertThat(a.getDescription()).contains("tocsin.pagerduty.endpoint must use https for host events.example.com");
        assertThat(a.getAction()).contains("tocsin.pagerduty.endpoint").contains("tocsin.pagerduty.allow-insecure-http=true");
    }

    @Test
    void aMalformedHeartbeatUrlFailsStartupWithItsSpringName() {
        FailureAnalysis a = report("tocsin.heartbeat.url=hc-ping.com/0c4f");
        assertThat(a.getDescription()).contains("tocsin.heartbeat.url must be an absolute http(s) URL with a host")
                .doesNotContain("0c4f");
        assertThat(a.getAction()).contains("tocsin.heartbeat.url").contains("tocsin.heartbeat.allow-insecure-http");
        assertThat(report("tocsin.heartbeat.url=http://hc-ping.example.com/ping").getDescription())
                .contains("tocsin.heartbeat.url must use https");
        assertThat(report("tocsin.pagerduty.endpoint=https://events pagerduty com/v2").getDescription())
                .contains("tocsin.pagerduty.endpoint is not a valid URL");
    }

    @Test
    void negativeAndZeroDurationsAndCounts() {
        assertThat(report("tocsin.shutdown-timeout=-5s").getDescription())
                .contains("tocsin.shutdown-timeout must be a positive duration, was PT-5S");
        FailureAnalysis a = report("tocsin.health.interval=0s");
        assertThat(a.getDescription()).contains("tocsin.health.interval must be a positive duration");
        assertThat(a.getAction()).contains("Set tocsin.health.interval to a positive duration such as 30s");
        assertThat(report("tocsin.heartbeat.interval=-1m").getDescription()).contains("tocsin.heartbeat.interval");
        assertThat(report("tocsin.health.down-checks=0").getDescription())
                .contains("tocsin.health.down-checks must be at least 1, was 0");
        assertThat(report("tocsin.logback.auto-resolve-after=-10m").getDescription())
                .contains("tocsin.logback.auto-resolve-after must be a positive duration");
    }

    @Test
    void anUnknownThreshold() {
        FailureAnalysis a = report("tocsin.logback.threshold=EROR");
        assertThat(a.getDescription()).contains("tocsin.logback.threshold must be one of ERROR, WARN, INFO, DEBUG or "
                + "TRACE, was 'EROR'");
        assertThat(a.getAction()).contains("tocsin.logback.threshold");
    }

    @Test
    void valuesTheBinderCannotConvertAreReportedBySpringBootNamingTheProperty() {
        FailureAnalysis severity = report("tocsin.health.severity.db=fatal");
        assertThat(severity.getDescription()).contains("tocsin.health.severity.db").contains("fatal");
        assertThat(severity.getAction()).contains("CRITICAL").contains("WARNING");
        assertThat(report("tocsin.health.interval=soon").getDescription()).contains("tocsin.health.interval");
        assertThat(report("tocsin.spool.sync=sometimes").getAction()).contains("EVERY_EVENT");
    }
}
