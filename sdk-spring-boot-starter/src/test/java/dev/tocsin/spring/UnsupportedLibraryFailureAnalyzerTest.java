package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tocsin.compat.Compatibility;
import dev.tocsin.compat.UnsupportedLibraryException;
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
    void aSpringBootOtherThanFourIsReportedWithWhatToDoForSpringBoot() {
        UnsupportedLibraryException cause = catchThrowableOfType(UnsupportedLibraryException.class,
                () -> new SpringBootRange(() -> "3.5.7").check());

        var analysis = FailureReports.analyze(cause, null); // before the context: no environment

        assertThat(analysis.getDescription()).isEqualTo("Tocsin cannot start: Spring Boot 3.5.7 is on the class "
                + "path; Tocsin needs 4.0.0 or a later 4.x.");
        assertThat(analysis.getAction()).startsWith("Run tocsin-spring-boot-starter on Spring Boot 4.x")
                .contains("tocsin-logback", "tocsin.pagerduty.routing-key", "Supported versions")
                .doesNotContain("dependency:tree");
    }
}
