package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.PackageGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** This module is built on the core's public API only, as an application's own integration would be. */
class PublicApiOnlyTest {

    @Test
    void nothingHereUsesTheCoresInternals() {
        PackageGraph graph = PackageGraph.of(Path.of("target", "classes"));
        assertThat(graph.uses()).containsKey("dev.tocsin.spring");
        assertThat(graph.usesOf("dev.tocsin.internal")).as("uses of dev.tocsin.internal").isEmpty();
    }
}
