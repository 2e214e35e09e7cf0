package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.internal.UnsupportedLibraryException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.mock.env.MockEnvironment;

/** A library outside Tocsin's ranges fails startup with Spring Boot's report, not four nested stack traces. */
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
    }
}
