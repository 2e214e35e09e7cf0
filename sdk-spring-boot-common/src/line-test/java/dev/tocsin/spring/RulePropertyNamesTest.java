package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A misspelt name inside a rule, destination or maintenance window is warned about with the name meant, at its own
 * index or key; the relaxed forms Spring accepts are not slips.
 */
@ExtendWith(OutputCaptureExtension.class)
class RulePropertyNamesTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.tocsin())
            .withPropertyValues("tocsin.logback.enabled=false", "tocsin.pagerduty.endpoint=http://127.0.0.1:9/v2/enqueue",
                    "tocsin.shutdown-timeout=200ms", "tocsin.uncaught-exceptions.enabled=false",
                    "tocsin.pagerduty.routing-key=" + TocsinAutoConfigurationTest.KEY);

    @Test
    void aMisspeltNameInsideAListOrMapIsNamedWithTheOneMeant(CapturedOutput output) {
        runner.withPropertyValues("tocsin.rules[0].name=a", "tocsin.rules[0].when=true", "tocsin.rules[1].name=b",
                "tocsin.rules[1].when=true", "tocsin.rules[1].wen=severity == info", "tocsin.destinations.chat.type=webhook",
                "tocsin.destinations.chat.url=http://127.0.0.1:9/hooks/chat", "tocsin.destinations.chat.secrett=x",
                "tocsin.maintenance[0].name=backup", "tocsin.maintenance[0].from=02:00",
                "tocsin.maintenance[0].to=03:00", "tocsin.maintenance[0].zome=UTC", "tocsin.flood.treshold=5")
                .run(ctx -> assertThat(ctx).hasSingleBean(Tocsin.class));
        assertThat(output).contains("unknown property tocsin.rules[1].wen")
                .contains("did you mean tocsin.rules[1].when?")
                .contains("unknown property tocsin.destinations.chat.secrett")
                .contains("did you mean tocsin.destinations.chat.secret?")
                .contains("unknown property tocsin.maintenance[0].zome")
                .contains("did you mean tocsin.maintenance[0].zone?")
                .contains("did you mean tocsin.flood.threshold?");
        assertThat(output.getAll().split("unknown property", -1)).hasSize(5);
    }

    @Test
    void relaxedFormsOfTheNewNamesAreNotSlips(CapturedOutput output) {
        runner.withPropertyValues("tocsin.rules[0].name=a", "tocsin.rules[0].when=true",
                "tocsin.rules[0].dropDetails=mdc.*",
                "tocsin.rules[0].link_text=Runbook", "tocsin.rules[0].link=https://runbooks.example.com/a",
                "tocsin.destinations.chat.type=webhook", "tocsin.destinations.chat.allowInsecureHttp=true",
                "tocsin.destinations.chat.endpoint=http://127.0.0.1:9/hooks/chat", "tocsin.severityPolicy.P4=chat",
                "tocsin.defaultRoute=pagerduty", "tocsin.maintenance[0].name=backup", "tocsin.maintenance[0].start="
                        + "2030-01-01T00:00", "tocsin.maintenance[0].end=2030-01-02T00:00", "tocsin.flood.period=5m")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(Tocsin.class);
                    TocsinProperties p = ctx.getBean(TocsinProperties.class);
                    assertThat(p.getRules().get(0).getDropDetails()).isEqualTo("mdc.*");
                    assertThat(p.getSeverityPolicy()).containsEntry("P4", "chat");
                    assertThat(p.getDefaultRoute()).containsExactly("pagerduty");
                });
        assertThat(output).doesNotContain("unknown property");
    }

    @Test
    void aMisspeltConditionIsNotTakenForEveryTrigger() {
        runner.withPropertyValues("tocsin.rules[0].name=quiet", "tocsin.rules[0].wen=component == 'batch'",
                "tocsin.rules[0].suppress=always")
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(FailureReports.analyze(ctx.getStartupFailure(), new org.springframework.core.env
                            .StandardEnvironment()).getDescription())
                            .contains("tocsin.rules[0].when (rule 'quiet'): is required");
                });
    }
}
