package dev.tocsin.spring;

import dev.tocsin.Tocsin;

/**
 * Adjusts the auto-configured client before it is built: declare beans of this type to add destinations,
 * listeners or settings the properties do not cover. Applied in {@code @Order}.
 */
@FunctionalInterface
public interface TocsinCustomizer {
    void customize(Tocsin.Builder builder);
}
