package dev.tocsin.spring;

import static dev.tocsin.testing.InboxFixture.ROUTING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.compat.UnsupportedLibraryException;
import dev.tocsin.testing.InboxFixture;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Whole applications that, by the version the range check reads, run on a Spring Boot outside the starter's line: with Tocsin
 * on, startup fails before anything of Tocsin's is made, with Spring Boot's own report (description and action, from
 * {@link UnsupportedLibraryFailureAnalyzer}), never a {@code LinkageError}; with Tocsin off, nothing is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnsupportedSpringBootTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    /** The application with its listeners from {@code spring.factories}, Tocsin's reading {@code bootVersion}. */
    private SpringApplication app(String bootVersion, String... properties) {
        SpringApplication app = new SpringApplicationBuilder(PlainApplication.class)
                .properties("spring.main.web-application-type=none", "tocsin.deploy.enabled=false",
                        "tocsin.pagerduty.endpoint=" + api.endpoint(), "tocsin.shutdown-timeout=500ms")
                .properties(properties)
                .build();
        List<ApplicationListener<?>> listeners = app.getListeners().stream()
                .<ApplicationListener<?>>map(l -> l instanceof EarlyPaging
                        ? new EarlyPaging(new SpringBootRange(() -> bootVersion)) : l)
                .toList();
        assertThat(listeners).filteredOn(EarlyPaging.class::isInstance).hasSize(1);
        app.setListeners(listeners);
        return app;
    }

    static java.util.stream.Stream<String> refused() {
        return java.util.stream.Stream.of(BootLine.OUTSIDE.get(0), "5.0.0");
    }

    static java.util.stream.Stream<String> accepted() {
        return java.util.stream.Stream.of(BootLine.INSIDE.get(0), "unknown");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("refused")
    void withTocsinOnStartupFailsWithSpringBootsReportNamingTheVersionAndTheRange(String version,
            CapturedOutput output) {
        SpringApplication app = app(version, "tocsin.pagerduty.routing-key=" + ROUTING_KEY);
        AtomicBoolean environmentSeenAfterTocsin = new AtomicBoolean();
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) e ->
                environmentSeenAfterTocsin.set(true)); // ordered last: Tocsin's check stops the event before it

        assertThatThrownBy(app::run)
                .isInstanceOf(UnsupportedLibraryException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(t).isNotInstanceOf(LinkageError.class);
                    }
                });

        assertThat(environmentSeenAfterTocsin).isFalse();
        assertThat(EarlyPaging.STATES).doesNotContainKey(app); // no early client, no appender, no handler
        assertThat(api.requests()).isEmpty();
        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START")
                .contains("Description:\n\nTocsin cannot start: Spring Boot " + version
                        + " is on the class path; " + BootLine.ARTIFACT + " needs ")
                .contains("Action:\n\nDepend on the one Tocsin starter for your Spring Boot line")
                .contains("leave tocsin.pagerduty.routing-key unset to run without Tocsin")
                .doesNotContain("Application run failed") // the report replaces Spring Boot's stack trace
                .doesNotContain("LinkageError").doesNotContain("NoClassDefFoundError")
                .doesNotContain(ROUTING_KEY);
        assertThat(report.split("APPLICATION FAILED TO START", -1)).hasSize(2);
    }

    @Test
    void withTocsinOffNothingIsRefused(CapturedOutput output) {
        try (ConfigurableApplicationContext ctx = app(BootLine.OUTSIDE.get(0)).run()) {
            assertThat(ctx.getBeanNamesForType(Tocsin.class)).isEmpty();
        }
        assertThat(output).contains("Tocsin is off: no routing key").doesNotContain("APPLICATION FAILED TO START");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("accepted")
    void aVersionOfTheLineOrOneThatCannotBeReadStartsWithTocsinOn(String version) {
        try (ConfigurableApplicationContext ctx = app(version.equals("unknown") ? null : version,
                "tocsin.pagerduty.routing-key=" + ROUTING_KEY).run()) {
            assertThat(ctx.getBean(Tocsin.class).toString()).contains("pagerduty(…0abc)");
            assertThat(ctx.getBean(EarlyPaging.BEAN, EarlyState.class).earlyClosed()).isTrue();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PlainApplication {
    }
}
