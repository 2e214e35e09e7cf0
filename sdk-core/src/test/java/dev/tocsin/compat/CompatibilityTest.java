package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tocsin.micrometer.TocsinMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check against the libraries this build itself runs with, and how versions are read from jars. */
class CompatibilityTest {

    @Test
    void thisBuildsLibrariesPass() {
        assertThatCode(() -> Compatibility.check(List.of())).doesNotThrowAnyException();
        assertThatCode(() -> Compatibility.check(List.of(new TocsinMetrics(new SimpleMeterRegistry()))))
                .doesNotThrowAnyException();
        assertThat(Compatibility.found()).hasSize(5).noneMatch(f -> f.contains("unknown"));
    }

    @Test
    void aPackageVersionIsReadFromTheJar() {
        assertThat(LibraryVersion.of(CircuitBreaker.class, "resilience4j"))
                .isEqualTo(CircuitBreaker.class.getPackage().getImplementationVersion()).isNotBlank();
    }

    @Test
    void aJarWithOnlyABundleVersionIsRead(@TempDir Path dir) throws Exception {
        // Logback 1.2's manifest has Bundle-Version and no Implementation-Version.
        Class<?> anchor = loadFromJar(dir, Map.of("Bundle-SymbolicName", "ch.qos.logback.classic",
                "Bundle-Version", "1.2.13"));
        assertThat(anchor.getPackage().getImplementationVersion()).isNull();
        assertThat(LibraryVersion.of(anchor, "logback")).isEqualTo("1.2.13");
    }

    @Test
    void theVersionOfAShadedApplicationsManifestIsNotTakenForTheLibrarys(@TempDir Path dir) throws Exception {
        // maven-shade puts SLF4J's classes under the application's manifest: its 1.0.0 is not SLF4J's version.
        Class<?> anchor = loadFromJar(dir, Map.of("Implementation-Title", "orders-service",
                "Implementation-Version", "1.0.0", "Bundle-Version", "1.0.0"));
        assertThat(anchor.getPackage().getImplementationVersion()).isEqualTo("1.0.0");
        assertThat(LibraryVersion.of(anchor, "slf4j")).isNull();
        Requirement slf4j = new Requirement("SLF4J (slf4j-api)", "1.7.36", 3, () -> LibraryVersion.of(anchor, "slf4j"),
                () -> true);
        assertThat(slf4j.problem()).as("an unknown version is left to the probe").isNull();
    }

    @Test
    void theLibrarysOwnManifestIsReadWhateverTheCaseOfItsName(@TempDir Path dir) throws Exception {
        Class<?> anchor = loadFromJar(dir, Map.of("Implementation-Title", "SLF4J-API",
                "Implementation-Version", "2.0.17"));
        assertThat(LibraryVersion.of(anchor, "slf4j")).isEqualTo("2.0.17");
    }

    @Test
    void aClassFromADirectoryHasNoVersion() {
        assertThat(LibraryVersion.of(CompatibilityTest.class, "tocsin")).isNull();
    }

    /** Loads {@link Anchor} from a jar of its own whose manifest carries only {@code attributes}. */
    private static Class<?> loadFromJar(Path dir, Map<String, String> attributes) throws IOException,
            ClassNotFoundException {
        String entry = Anchor.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach(manifest.getMainAttributes()::putValue);
        Path jar = dir.resolve("anchor.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                var in = CompatibilityTest.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return Class.forName(Anchor.class.getName(), false, loader);
    }

    static final class Anchor {
    }
}
