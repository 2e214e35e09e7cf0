package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tocsin.compat.Compatibility;
import dev.tocsin.compat.UnsupportedLibraryException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.mock.env.MockEnvironment;

/**
 * A library outside Tocsin's ranges fails startup with Spring Boot's report, not four nested stack traces; the
 * exceptions here are the core's and the range check's own ({@link UnsupportedSpringBootTest} runs whole
 * applications).
 */
class UnsupportedLibraryFailureAnalyzerTest {

    @Test
    void anOldJacksonIsReportedWithWhatToDo() {
        UnsupportedLibraryException cause = new UnsupportedLibraryException("tocsin: Jackson (jackson-databind) 2.9.10 "
                + "is on the class path; Tocsin needs 2.12.0 or a later 2.x. Align the version (in your BOM or "
                + "dependencyManagement); Tocsin's README lists the supported versions", null);
        BeanCreationException failure = new BeanCreationException("tocsin", "Failed to instantiate [Tocsin]",
                new IllegalStateException("wrapped", cause));

        var analysis = FailureReports.analyze(failure, new MockEnvironment());

        assertThat(analysis.getDescription()).isEqualTo("Tocsin cannot start: Jackson (jackson-databind) 2.9.10 is on "
                + "the class path; Tocsin needs 2.12.0 or a later 2.x.");
        assertThat(analysis.getAction()).contains("Align the library's version", "dependencyManagement",
                "tocsin.pagerduty.routing-key", "Supported versions");
        assertThat(analysis.getCause()).isSameAs(cause);
        assertThat(analysis.getAction()).doesNotContain("Spring Boot 4.x");
    }

    @Test
    void aLinkageErrorTheCoreCaughtIsReportedWithTheVersionsFound() {
        UnsupportedLibraryException cause = Compatibility.linkageFailure(new NoSuchMethodError(
                "'io.github.resilience4j.circuitbreaker.CircuitBreakerConfig$Builder.clock(java.time.Clock)'"));

        var analysis = FailureReports.analyze(new IllegalStateException("wrapped", cause), new MockEnvironment());

        assertThat(analysis.getDescription()).startsWith("Tocsin cannot start: a library on the class path does not "
                + "match what Tocsin calls (java.lang.NoSuchMethodError: ").contains("; found Jackson (jackson-databind) ");
        assertThat(analysis.getAction()).contains("Align the library's version");
    }

    @Test
    void aSpringBootOfAnotherLineIsReportedWithTheStarterForIt() {
        UnsupportedLibraryException cause = catchThrowableOfType(UnsupportedLibraryException.class,
                () -> new SpringBootRange(List.of(SpringBootRange.LINES.get(1)), () -> "3.5.7").check());

        var analysis = FailureReports.analyze(cause, null); // before the context: no environment

        assertThat(analysis.getDescription()).isEqualTo("Tocsin cannot start: Spring Boot 3.5.7 is on the class "
                + "path; tocsin-spring-boot-starter needs 4.0.0 or a later 4.x; for Spring Boot 3.5 use "
                + "dev.tocsin:tocsin-spring-boot3-starter.");
        assertThat(analysis.getAction()).startsWith("Depend on the one Tocsin starter for your Spring Boot line")
                .contains("dev.tocsin:tocsin-spring-boot-starter for Spring Boot 4.x",
                        "dev.tocsin:tocsin-spring-boot3-starter for Spring Boot 3.5.x")
                .contains("tocsin-logback", "tocsin.pagerduty.routing-key", "Supported versions")
                .doesNotContain("dependency:tree");
    }

    @Test
    void noStarterOrTwoAreReportedWithTheStarterToKeep() {
        for (List<SpringBootRange.Line> starters : List.of(List.<SpringBootRange.Line>of(), SpringBootRange.LINES)) {
            UnsupportedLibraryException cause = catchThrowableOfType(UnsupportedLibraryException.class,
                    () -> new SpringBootRange(starters, () -> "4.1.2").check());

            var analysis = FailureReports.analyze(cause, null);

            assertThat(analysis.getDescription()).startsWith("Tocsin cannot start: ").contains("Tocsin starter");
            assertThat(analysis.getAction()).startsWith("Depend on the one Tocsin starter for your Spring Boot line");
        }
    }
}
