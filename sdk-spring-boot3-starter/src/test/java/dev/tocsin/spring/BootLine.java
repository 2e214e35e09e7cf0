package dev.tocsin.spring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationContext;

/**
 * What the starter tests shared by every Spring Boot line (in {@code sdk-spring-boot-common/src/line-test}) need
 * of the line they run on, here Spring Boot 3.5: its health API and auto-configurations. Each line's module has a
 * {@code BootLine} of the same shape.
 */
final class BootLine {
    static final String NAME = "3.5";
    static final String ARTIFACT = "tocsin-spring-boot3-starter";
    /** The health API's indicator type, by name: a class loader without it has no actuator health. */
    static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";
    /** Spring Boot versions this line's starter accepts. */
    static final List<String> INSIDE = List.of("3.5.0", "3.5.7", "3.5.16", "3.5.0-M1", "3.6.0-SNAPSHOT",
            " 3.5.7 ");
    /** Spring Boot versions it refuses; the first is of the other line, whose starter the message names. */
    static final List<String> OUTSIDE = List.of("4.1.2", "3.4.9", "2.7.18", "4.0.0-M1", "3.x-SNAPSHOT");
    /** The starter of the other line, which the refusal of {@code OUTSIDE.get(0)} advises. */
    static final String OTHER_ARTIFACT = "tocsin-spring-boot-starter";

    private BootLine() {
    }

    /** Tocsin's auto-configurations, and {@code more}. */
    static AutoConfigurations tocsin(Class<?>... more) {
        return AutoConfigurations.of(Stream.concat(Stream.of(TocsinAutoConfiguration.class,
                TocsinHealthAutoConfiguration.class), Arrays.stream(more)).toArray(Class<?>[]::new));
    }

    /** Tocsin's auto-configurations with the line's health registry (made with the health endpoint), and {@code more}. */
    static AutoConfigurations withHealth(Class<?>... more) {
        return tocsin(Stream.concat(Stream.of(HealthContributorAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class), Arrays.stream(more)).toArray(Class<?>[]::new));
    }

    /** The health of the context's health indicator bean {@code bean}. */
    static ComponentHealth health(ApplicationContext ctx, String bean) {
        return of(ctx.getBean(bean, HealthIndicator.class).health());
    }

    /** The health of the registry's contributor {@code name}, or {@code null} if there is none. */
    static ComponentHealth component(ApplicationContext ctx, String name) {
        HealthContributor c = ctx.getBean(HealthContributorRegistry.class).getContributor(name);
        return c instanceof HealthIndicator i ? of(i.health()) : null;
    }

    /**
     * The line's {@link HealthReader} over a registry of this line's own contributors: for each name, a
     * {@code Supplier<ComponentHealth>} (an indicator, which may throw) or a {@code Map} of them (a composite).
     */
    static HealthReader reader(Map<String, ?> contributors) {
        return new ContributorReader(composite(contributors));
    }

    @SuppressWarnings("unchecked")
    private static HealthContributor contributor(Object spec) {
        if (spec instanceof Map<?, ?> map) {
            return composite((Map<String, ?>) map);
        }
        Supplier<ComponentHealth> supplier = (Supplier<ComponentHealth>) spec;
        return (HealthIndicator) () -> {
            ComponentHealth h = supplier.get();
            return Health.status(h.status()).withDetails(h.details()).build();
        };
    }

    private static CompositeHealthContributor composite(Map<String, ?> contributors) {
        Map<String, HealthContributor> out = new LinkedHashMap<>();
        contributors.forEach((name, spec) -> out.put(name, contributor(spec)));
        return CompositeHealthContributor.fromMap(out);
    }

    private static ComponentHealth of(Health health) {
        return new ComponentHealth(health.getStatus().getCode(), health.getDetails());
    }
}
