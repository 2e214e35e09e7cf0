package dev.tocsin.spring;

import dev.tocsin.compat.UnsupportedLibraryException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a library outside the versions Tocsin supports (an old Jackson pinned by a BOM, say, or a Spring Boot
 * outside the starter's line, {@link SpringBootRange}) as Spring Boot reports its own failures, in place of a stack trace that
 * repeats the message down its cause chain. Registered in {@code META-INF/spring.factories}. Like the range check,
 * it only uses what Spring Boot 3.5 and 4 both have, since it reports on either.
 */
final class UnsupportedLibraryFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedLibraryException> {
    private static final String WITHOUT_TOCSIN = "or leave tocsin.pagerduty.routing-key unset to run without Tocsin. "
            + "Tocsin's README lists the supported versions under \"Supported versions\".";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedLibraryException cause) {
        return new FailureAnalysis("Tocsin cannot start: " + cause.getMessage().replaceFirst("^tocsin: ", "")
                        .replaceFirst("\\. Align the version.*$", "") + ".",
                SpringBootRange.refused(cause)
                        ? "Depend on the one Tocsin starter for your Spring Boot line (the version of "
                                + "spring-boot-starter-parent or spring-boot-dependencies): dev.tocsin:"
                                + "tocsin-spring-boot-starter for Spring Boot 4.x, dev.tocsin:tocsin-spring-boot3-starter "
                                + "for Spring Boot 3.5.x; on another Spring Boot use tocsin-logback without a starter, "
                                + WITHOUT_TOCSIN
                        : "Align the library's version with a supported one (in your BOM or dependencyManagement; "
                                + "`mvn dependency:tree` or `gradle dependencies` shows who brings the old one), "
                                + WITHOUT_TOCSIN,
                cause);
    }
}
