package dev.tocsin.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@link HealthReader} over Spring Boot 4's health contributors. */
final class ContributorReader implements HealthReader {
    private final HealthContributors registry;

    ContributorReader(HealthContributors registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, ComponentHealth> read(Predicate<String> watched) {
        Map<String, ComponentHealth> out = new LinkedHashMap<>();
        collect("", registry, watched, out);
        return out;
    }

    private static void collect(String prefix, HealthContributors contributors, Predicate<String> watched,
            Map<String, ComponentHealth> out) {
        for (HealthContributors.Entry entry : contributors) {
            String name = prefix + entry.name();
            if (!watched.test(name)) {
                continue;
            }
            HealthContributor contributor = entry.contributor();
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
