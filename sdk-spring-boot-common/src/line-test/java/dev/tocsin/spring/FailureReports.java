package dev.tocsin.spring;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What Spring Boot would print for a failed startup: the first analysis of the registered failure analyzers. */
final class FailureReports {
    private FailureReports() {
    }

    static FailureAnalysis analyze(Throwable failure, Environment environment) {
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                SpringFactoriesLoader.ArgumentResolver.of(Environment.class, environment)
                        .and(BeanFactory.class, null),
                SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { })); // those needing more
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no failure analyzer reports " + failure);
    }
}
