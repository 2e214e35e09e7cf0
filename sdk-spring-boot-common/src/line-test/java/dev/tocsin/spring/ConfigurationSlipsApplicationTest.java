package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.Tocsin;
import dev.tocsin.testing.InboxFixture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** The slips of {@link ConfigurationSlipsTest} in whole applications, where the early client takes part too. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationSlipsApplicationTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(PlainApplication.class)
                .properties("spring.main.web-application-type=none",
                        "tocsin.pagerduty.endpoint=" + api.endpoint())
                .properties(properties);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${" + ConfigurationSlipsTest.UNSET + "}", "${" + ConfigurationSlipsTest.UNSET + ":}"})
    void theRoutingKeyLineWithItsVariableUnsetStartsTheApplicationWithTocsinOff(String line, CapturedOutput output) {
        try (ConfigurableApplicationContext ctx = app("tocsin.pagerduty.routing-key=" + line).run()) {
            assertThat(ctx.getBeanNamesForType(Tocsin.class)).isEmpty();
            assertThat(ctx.containsBean(EarlyPaging.BEAN)).isFalse(); // no client before the context either
        }
        assertThat(output.getAll().split("Tocsin is off: no routing key", -1)).hasSize(2);
    }

    @Test
    void aBadHeartbeatUrlFailsStartupBeforeAnythingIsSentWithSpringBootsReport(CapturedOutput output) {
        AtomicBoolean started = new AtomicBoolean();
        assertThatThrownBy(() -> app("tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                "spring.config.name=bad-heartbeat")
                .listeners((ApplicationListener<ApplicationStartedEvent>) e -> started.set(true))
                .run()).hasRootCauseInstanceOf(TocsinPropertyException.class);

        assertThat(started).isFalse();
        assertThat(api.requests()).isEmpty(); // no deploy marker, no page
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Tocsin cannot start: tocsin.heartbeat.url must use https for host hc-ping.example.com")
                .contains("(set in class path resource [bad-heartbeat.properties] - 2:")
                .contains("tocsin.heartbeat.allow-insecure-http=true")
                .doesNotContain("0c4f-secret-check-id")
                .doesNotContain(TocsinAutoConfigurationTest.KEY);
    }

    @Test
    void aBadRuleFailsStartupBeforeAnythingIsSentWithSpringBootsReport(CapturedOutput output) {
        AtomicBoolean started = new AtomicBoolean();
        assertThatThrownBy(() -> app("tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY,
                "spring.config.name=bad-rule")
                .listeners((ApplicationListener<ApplicationStartedEvent>) e -> started.set(true))
                .run()).hasRootCauseInstanceOf(TocsinPropertyException.class);

        assertThat(started).isFalse();
        assertThat(api.requests()).as("the client before the context pages nothing for a slip of its own").isEmpty();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Tocsin cannot start: tocsin.rules[0].when (rule 'payments'): unknown field 'sumary' (did"
                        + " you mean 'summary'?)")
                .contains("(set in class path resource [bad-rule.properties] - 3:")
                .contains("Write tocsin.rules[0].when as a condition such as")
                .doesNotContain(TocsinAutoConfigurationTest.KEY);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PlainApplication {
    }
}
