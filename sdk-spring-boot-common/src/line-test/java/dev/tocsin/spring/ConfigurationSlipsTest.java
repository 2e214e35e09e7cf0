package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Slips in configuring the starter are loud and early, and leave the application running: a blank key or a
 * placeholder whose variable is unset is off, with one line saying why; a misspelt property is warned about with
 * the property that was probably meant; the relaxed forms Spring accepts are not slips.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationSlipsTest {
    static final String KEY = TocsinAutoConfigurationTest.KEY;
    /** Not set in any environment this runs in. */
    static final String UNSET = "TOCSIN_TEST_VARIABLE_THAT_IS_NEVER_SET";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.tocsin())
            .withPropertyValues("tocsin.logback.enabled=false", "tocsin.pagerduty.endpoint=http://127.0.0.1:9/v2/enqueue",
                    "tocsin.shutdown-timeout=200ms", "tocsin.uncaught-exceptions.enabled=false");

    private static int lines(CapturedOutput output, String text) {
        return output.getAll().split(java.util.regex.Pattern.quote(text), -1).length - 1;
    }

    @Test
    void aBlankKeyIsOffWithOneLineSayingSo(CapturedOutput output) {
        runner.withPropertyValues("tocsin.pagerduty.routing-key=").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Tocsin.class);
        });
        assertThat(output).contains("Tocsin is off: no routing key (tocsin.pagerduty.routing-key is blank)");
        assertThat(lines(output, "Tocsin is o")).isEqualTo(1);
    }

    @Test
    void theRecommendedPlaceholderWithAnUnsetVariableIsOff(CapturedOutput output) {
        runner.withPropertyValues("tocsin.pagerduty.routing-key=${" + UNSET + ":}").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Tocsin.class);
        });
        assertThat(output).contains("Tocsin is off: no routing key (tocsin.pagerduty.routing-key is blank)");
    }

    @Test
    void aPlaceholderWhoseVariableIsUnsetIsOffNotAFailedStartup(CapturedOutput output) {
        // Spring itself fails on ${X} with X unset: the condition used to call Environment.getProperty.
        runner.withPropertyValues("tocsin.pagerduty.routing-key=${" + UNSET + "}").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Tocsin.class);
        });
        assertThat(output).contains("Tocsin is off: no routing key (tocsin.pagerduty.routing-key refers to "
                + UNSET + ", which is not set)");
        assertThat(lines(output, "Tocsin is o")).isEqualTo(1);
    }

    @Test
    void aHeartbeatUrlThatIsBlankOrAnUnsetVariableLeavesTheHeartbeatOff() {
        for (String url : new String[] {"", "${" + UNSET + ":}", "${" + UNSET + "}"}) {
            runner.withPropertyValues("tocsin.pagerduty.routing-key=" + KEY, "tocsin.heartbeat.url=" + url)
                    .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(Tocsin.class)
                            .doesNotHaveBean(HeartbeatLifecycle.class));
        }
    }

    @Test
    void noKeyAndDisabledSayWhy(CapturedOutput output) {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(Tocsin.class));
        assertThat(output).contains("Tocsin is off: no routing key (tocsin.pagerduty.routing-key is not set)");
        runner.withPropertyValues("tocsin.pagerduty.routing-key=" + KEY, "tocsin.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Tocsin.class));
        assertThat(output).contains("Tocsin is off: tocsin.enabled=false");
        assertThat(output).doesNotContain(KEY);
    }

    @Test
    void onSaysWhereTo_withTheKeyShownByItsLastFour(CapturedOutput output) {
        runner.withPropertyValues("tocsin.pagerduty.routing-key=" + KEY).run(ctx -> assertThat(ctx).hasSingleBean(Tocsin.class));
        assertThat(output).contains("Tocsin is on: pages go to [pagerduty(…0abc)] via 127.0.0.1;")
                .contains("deploy marker").contains("events kept in memory")
                .doesNotContain(KEY);
        assertThat(lines(output, "Tocsin is o")).isEqualTo(1);
    }

    @Test
    void aMisspeltKeyIsNamedWithTheOneMeant(CapturedOutput output) {
        runner.withPropertyValues("tocsin.pagerduty.routing-kye=" + KEY).run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(Tocsin.class);
        });
        assertThat(output).contains("Tocsin: unknown property tocsin.pagerduty.routing-kye")
                .contains("did you mean tocsin.pagerduty.routing-key?")
                .contains("Tocsin is off: no routing key (tocsin.pagerduty.routing-key is not set)")
                .doesNotContain(KEY);
        assertThat(lines(output, "unknown property")).isEqualTo(1);
    }

    @Test
    void aKeyInTheWrongPlaceIsNamedWithTheOneMeant(CapturedOutput output) {
        runner.withPropertyValues("tocsin.routing-key=" + KEY, "tocsin.heartbeat.intervall=5s", "tocsin.colour=red")
                .run(ctx -> assertThat(ctx).hasNotFailed());
        assertThat(output).contains("unknown property tocsin.routing-key").contains("did you mean tocsin.pagerduty.routing-key?")
                .contains("unknown property tocsin.heartbeat.intervall").contains("did you mean tocsin.heartbeat.interval?")
                .contains("unknown property tocsin.colour").contains("Tocsin has no such setting")
                .doesNotContain(KEY);
    }

    @Test
    void relaxedFormsAreNotSlips(CapturedOutput output) {
        runner.withPropertyValues("tocsin.pagerduty.routingKey=" + KEY, "tocsin.health.downChecks=4",
                "tocsin.health.up_checks=3", "tocsin.logback.mdc-keys[0]=orderId", "tocsin.health.severity.db=warning",
                "tocsin.health.severity.payments-gateway=info").run(ctx -> {
                    assertThat(ctx).hasSingleBean(Tocsin.class);
                    assertThat(ctx.getBean(TocsinProperties.class).getHealth().getDownChecks()).isEqualTo(4);
                });
        assertThat(output).doesNotContain("unknown property");
    }

    @Test
    void anEnvironmentVariableSwitchesTocsinOnAndIsNotASlip(CapturedOutput output) {
        runner.withInitializer(ctx -> ctx.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("TOCSIN_PAGERDUTY_ROUTINGKEY", KEY, "TOCSIN_ROUTING_KEY", KEY))))
                .run(ctx -> assertThat(ctx).hasSingleBean(Tocsin.class));
        assertThat(output).doesNotContain("unknown property").contains("Tocsin is on");
    }
}
