package dev.tocsin.internal;

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
        assertThat(LibraryVersion.of(CircuitBreaker.class))
                .isEqualTo(CircuitBreaker.class.getPackage().getImplementationVersion()).isNotBlank();
    }

    @Test
    void aJarWithOnlyABundleVersionIsRead(@TempDir Path dir) throws Exception {
        // Logback 1.2's manifest has Bundle-Version and no Implementation-Version.
        Class<?> anchor = loadFromJar(dir, "Bundle-Version", "1.2.13");
        assertThat(anchor.getPackage().getImplementationVersion()).isNull();
        assertThat(LibraryVersion.of(anchor)).isEqualTo("1.2.13");
    }

    @Test
    void aClassFromADirectoryHasNoVersion() {
        assertThat(LibraryVersion.of(CompatibilityTest.class)).isNull();
    }

    /** Loads {@link Anchor} from a jar of its own whose manifest carries only {@code attribute}. */
    private static Class<?> loadFromJar(Path dir, String attribute, String value) throws IOException,
            ClassNotFoundException {
        String entry = Anchor.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(attribute, value);
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
