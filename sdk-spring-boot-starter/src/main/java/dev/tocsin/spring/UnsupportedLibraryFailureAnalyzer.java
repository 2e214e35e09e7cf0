package dev.tocsin.spring;

import dev.tocsin.internal.UnsupportedLibraryException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a library outside the versions Tocsin supports (an old Jackson pinned by a BOM, say) as Spring Boot
 * reports its own failures, in place of a stack trace that repeats the message down its cause chain. Registered in
 * {@code META-INF/spring.factories}.
 */
final class UnsupportedLibraryFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedLibraryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedLibraryException cause) {
        return new FailureAnalysis("Tocsin cannot start: " + cause.getMessage().replaceFirst("^tocsin: ", "")
                        .replaceFirst("\\. Align the version.*$", "") + ".",
                "Align the library's version with a supported one (in your BOM or dependencyManagement; `mvn "
                        + "dependency:tree` or `gradle dependencies` shows who brings the old one), or leave "
                        + "tocsin.pagerduty.routing-key unset to run without Tocsin. Tocsin's README lists the "
                        + "supported versions under \"Supported versions\".",
                cause);
    }
}
