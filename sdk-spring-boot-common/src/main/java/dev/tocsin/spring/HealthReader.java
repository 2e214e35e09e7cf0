package dev.tocsin.spring;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the application's health indicators for {@link HealthAlerting}: the part of health alerting that differs
 * between Spring Boot lines (Spring Boot 4 moved the health API to {@code org.springframework.boot.health}), so each
 * line's starter implements it over its own registry.
 */
@FunctionalInterface
interface HealthReader {
    /**
     * Evaluates each indicator of the registry whose name {@code watched} accepts, going into composites (whose
     * members are named {@code composite/member}) only when it accepts the composite's name.
     *
     * @return the health of each indicator read, by name, in the registry's order; an indicator that throws reads
     *     as {@link ComponentHealth#failed}
     */
    Map<String, ComponentHealth> read(Predicate<String> watched);
}
