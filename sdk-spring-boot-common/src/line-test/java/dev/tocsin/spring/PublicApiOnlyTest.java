package dev.tocsin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.PackageGraph;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The starter is built on the core's public API only, as an application's own integration would be: both its
 * shared part ({@code tocsin-spring-boot-common}) and this line's adapters, wherever the build put their classes.
 */
class PublicApiOnlyTest {

    @ParameterizedTest(name = "the classes beside {0}")
    @ValueSource(classes = {TocsinAutoConfiguration.class, TocsinHealthAutoConfiguration.class})
    void nothingHereUsesTheCoresInternals(Class<?> member) throws URISyntaxException {
        PackageGraph graph = PackageGraph.of(
                Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI()));
        assertThat(graph.uses()).containsKey("dev.tocsin.spring");
        assertThat(graph.usesOf("dev.tocsin.internal")).as("uses of dev.tocsin.internal").isEmpty();
    }
}
