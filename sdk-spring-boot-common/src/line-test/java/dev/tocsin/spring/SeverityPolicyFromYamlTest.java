package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.Tocsin;
import dev.tocsin.event.Alert;
import dev.tocsin.event.DeliveryResult;
import dev.tocsin.event.Severity;
import dev.tocsin.rules.MaintenanceWindow;
import dev.tocsin.testing.InboxFixture;
import dev.tocsin.testkit.Endpoint;
import dev.tocsin.testkit.ReceivedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;

/**
 * "Critical and error page PagerDuty, warnings and info go to Slack", written in application.yml alone
 * ({@code severity-policy.yml}, the README's example): each severity reaches the destinations its policy names, a
 * resolve follows its trigger, and the rules, maintenance schedule and flood settings of the same file bind without a
 * warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeverityPolicyFromYamlTest {
    @RegisterExtension
    final InboxFixture api = new InboxFixture();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootLine.tocsin())
                .withInitializer(ctx -> {
                    try {
                        new YamlPropertySourceLoader().load("severity-policy.yml",
                                new ClassPathResource("severity-policy.yml"))
                                .forEach(ctx.getEnvironment().getPropertySources()::addLast);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                        "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=2s",
                        "TOCSIN_ROUTING_KEY=" + InboxFixture.ROUTING_KEY,
                        "tocsin.pagerduty.endpoint=" + api.endpoint(),
                        "SLACK_WEBHOOK_URL=" + api.inbox().webhookUrl("slack"),
                        "AUDIT_WEBHOOK_URL=" + api.inbox().webhookUrl("audit"));
    }

    private List<ReceivedRequest> hooks(String name) {
        return api.inbox().requests(Endpoint.WEBHOOK).stream().filter(r -> r.path().endsWith("/hooks/" + name))
                .toList();
    }

    private static DeliveryResult.Status send(Tocsin tocsin, String key, Severity severity) throws Exception {
        return tocsin.trigger(Alert.trigger(key + " happened").dedupKey(key).severity(severity).build())
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).status();
    }

    @Test
    void eachSeverityGoesWhereThePolicySays(CapturedOutput output) {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            assertThat(tocsin.destinationNames()).containsExactly("pagerduty(…0abc)", "slack(127.0.0.1)",
                    "webhook(127.0.0.1)");
            assertThat(send(tocsin, "critical", Severity.CRITICAL)).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(send(tocsin, "error", Severity.ERROR)).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(send(tocsin, "warning", Severity.WARNING)).isEqualTo(DeliveryResult.Status.DELIVERED);
            assertThat(send(tocsin, "info", Severity.INFO)).isEqualTo(DeliveryResult.Status.DELIVERED);

            assertThat(api.inbox().incidents()).extracting(i -> i.dedupKey())
                    .containsExactlyInAnyOrder("critical", "error");
            assertThat(hooks("slack")).extracting(ReceivedRequest::bodyText)
                    .satisfiesExactlyInAnyOrder(b -> assertThat(b).contains("*[WARNING]* warning happened"),
                            b -> assertThat(b).contains("*[INFO]* info happened"));
            assertThat(hooks("audit")).singleElement()
                    .satisfies(r -> assertThat(r.json().path("dedup_key").asText()).isEqualTo("info"));

            tocsin.resolve("warning").toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> hooks("slack").size() == 3);
            assertThat(hooks("slack").get(2).bodyText()).contains("Resolved: `warning`");
            assertThat(api.inbox().requests(Endpoint.EVENTS)).as("the resolve went where its trigger went")
                    .hasSize(2);
        });
        assertThat(output).doesNotContain("unknown property").doesNotContain(InboxFixture.ROUTING_KEY);
    }

    /** The README's {@code application.yml} example of rules, as a user would copy it. */
    static String readmeExample() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?ms)^```yaml\\s*$\\n(.*?)^```\\s*$")
                .matcher(readme);
        while (m.find()) {
            if (m.group(1).contains("severity-policy:")) {
                return m.group(1);
            }
        }
        throw new AssertionError("README.md has no application.yml example with a severity-policy");
    }

    @Test
    void theReadmesExampleBindsAndStartsWithoutAWarning(CapturedOutput output) throws Exception {
        byte[] yaml = readmeExample().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new ApplicationContextRunner()
                .withConfiguration(BootLine.tocsin())
                .withInitializer(ctx -> {
                    try {
                        new YamlPropertySourceLoader().load("README.md", new org.springframework.core.io
                                .ByteArrayResource(yaml)).forEach(ctx.getEnvironment().getPropertySources()::addLast);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .withPropertyValues("tocsin.logback.enabled=false", "tocsin.uncaught-exceptions.enabled=false",
                        "tocsin.deploy.enabled=false", "tocsin.shutdown-timeout=200ms",
                        "TOCSIN_ROUTING_KEY=" + InboxFixture.ROUTING_KEY, "tocsin.pagerduty.endpoint=" + api.endpoint(),
                        "SLACK_WEBHOOK_URL=" + api.inbox().webhookUrl("slack"))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    TocsinProperties p = ctx.getBean(TocsinProperties.class);
                    assertThat(p.getRules()).hasSize(2);
                    assertThat(p.getSeverityPolicy()).hasSize(4);
                    assertThat(p.getMaintenance()).hasSize(1);
                    assertThat(ctx.getBean(Tocsin.class).maintenanceWindows()).hasSize(1);
                });
        assertThat(output).doesNotContain("unknown property");
    }

    @Test
    void theRulesOfTheSameFileSuppressAndEnrich() {
        runner().run(ctx -> {
            Tocsin tocsin = ctx.getBean(Tocsin.class);
            for (int i = 1; i <= 5; i++) {
                assertThat(tocsin.trigger(Alert.trigger("pod api-" + i + " restarted").dedupKey("pods").build())
                        .toCompletableFuture().get().status()).isEqualTo(DeliveryResult.Status.SUPPRESSED);
            }
            assertThat(tocsin.trigger(Alert.trigger("pod api-6 restarted").dedupKey("pods").build())
                    .toCompletableFuture().get().status()).as("the sixth in ten minutes")
                    .isEqualTo(DeliveryResult.Status.DELIVERED);
            tocsin.trigger(Alert.trigger("invoice run failed").dedupKey("billing").severity(Severity.WARNING)
                    .component("billing").build()).toCompletableFuture().get();
            var billing = api.inbox().awaitIncident("billing", Duration.ofSeconds(10));
            assertThat(billing.severity()).as("re-rated, so the policy pages it").isEqualTo("critical");
            assertThat(billing.link("Runbook")).isPresent();
            assertThat(tocsin.stats().suppressed()).isEqualTo(5);

            assertThat(tocsin.maintenanceWindows()).singleElement().satisfies((MaintenanceWindow w) -> {
                assertThat(w.name()).isEqualTo("nightly-backup");
                assertThat(w.scheduled()).isTrue();
                assertThat(w.condition().toString()).contains("database");
            });
            TocsinProperties.Flood flood = ctx.getBean(TocsinProperties.class).getFlood();
            assertThat(flood.getThreshold()).isEqualTo(200);
            assertThat(flood.getPeriod()).isEqualTo(Duration.ofMinutes(1));
        });
    }
}
