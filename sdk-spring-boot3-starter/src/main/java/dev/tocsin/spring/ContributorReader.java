package dev.tocsin.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.NamedContributors;

/** {@link HealthReader} over Spring Boot 3.5's health contributors. */
final class ContributorReader implements HealthReader {
    private final Supplier<? extends NamedContributors<HealthContributor>> registry;

    ContributorReader(NamedContributors<HealthContributor> registry) {
        this(() -> registry);
    }

    /** Over the contributors {@code registry} gives at each read. */
    ContributorReader(Supplier<? extends NamedContributors<HealthContributor>> registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, ComponentHealth> read(Predicate<String> watched) {
        Map<String, ComponentHealth> out = new LinkedHashMap<>();
        collect("", registry.get(), watched, out);
        return out;
    }

    private static void collect(String prefix, NamedContributors<HealthContributor> contributors,
            Predicate<String> watched, Map<String, ComponentHealth> out) {
        for (NamedContributor<HealthContributor> entry : contributors) {
            String name = prefix + entry.getName();
            if (!watched.test(name)) {
                continue;
            }
            HealthContributor contributor = entry.getContributor();
            if (contributor instanceof HealthIndicator indicator) {
                out.put(name, read(indicator));
            } else if (contributor instanceof CompositeHealthContributor composite) {
                collect(name + "/", composite, watched, out);
            }
        }
    }

    private static ComponentHealth read(HealthIndicator indicator) {
        try {
            Health health = indicator.health();
            return new ComponentHealth(health.getStatus().getCode(), health.getDetails());
        } catch (RuntimeException e) {
            return ComponentHealth.failed(e);
        }
    }
}
