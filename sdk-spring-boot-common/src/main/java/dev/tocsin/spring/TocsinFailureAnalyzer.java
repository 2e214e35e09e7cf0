package dev.tocsin.spring;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an invalid {@code tocsin.*} property the way Spring Boot reports its own: a description naming the
 * property and where it was set, and an action, in place of a stack trace whose root cause is four
 * {@code Caused by} lines down. The value is not repeated: it may be a routing key or a URL with a secret in it.
 * Registered in {@code META-INF/spring.factories}; Spring Boot passes the environment.
 */
final class TocsinFailureAnalyzer extends AbstractFailureAnalyzer<TocsinPropertyException> {
    private final Environment environment;

    TocsinFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TocsinPropertyException cause) {
        String origin = origin(cause.property());
        return new FailureAnalysis("Tocsin cannot start: " + cause.getMessage()
                + (origin == null ? "" : " (set in " + origin + ")") + ".", cause.action(), cause);
    }

    /** Where the property was set, such as {@code class path resource [application.properties] - 3:28}. */
    private String origin(String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found.getOrigin() != null ? found.getOrigin().toString() : null;
            }
        }
        return null;
    }
}
