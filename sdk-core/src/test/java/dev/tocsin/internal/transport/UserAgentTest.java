package dev.tocsin.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version in the User-Agent comes from tocsin-core's jar. Each case loads {@link UserAgent} afresh from a jar
 * made here, with the manifest and Maven descriptor a real build, or a shading build, would give it.
 */
class UserAgentTest {
    @TempDir
    Path dir;

    @Test
    void fromClassesItIsDev() {
        assertThat(UserAgent.class.getProtectionDomain().getCodeSource().getLocation().getPath()).doesNotEndWith(".jar");
        assertThat(UserAgent.VALUE).isEqualTo("tocsin-java/dev");
    }

    @Test
    void fromTheCoreJarItIsTheManifestsImplementationVersion() throws Exception {
        assertThat(userAgentFrom(jar(manifest(UserAgent.TITLE, "1.4.2"), null))).isEqualTo("tocsin-java/1.4.2");
    }

    @Test
    void shadedIntoAnApplicationsJarItIsTheVersionOfTheCoresMavenDescriptor() throws Exception {
        Path shaded = jar(manifest("checkout-service", "7.0.0"), "groupId=dev.tocsin\nartifactId=tocsin-core\n"
                + "version=1.4.2\n");
        assertThat(userAgentFrom(shaded)).as("never the application's version").isEqualTo("tocsin-java/1.4.2");
    }

    @Test
    void inAJarThatSaysNothingItIsDev() throws Exception {
        assertThat(userAgentFrom(jar(manifest("checkout-service", "7.0.0"), null))).isEqualTo("tocsin-java/dev");
    }

    private static Manifest manifest(String title, String version) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, title);
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        return m;
    }

    /** A jar holding {@link UserAgent}'s class file, the manifest, and the Maven descriptor if given. */
    private Path jar(Manifest manifest, String pomProperties) throws IOException {
        Path jar = Files.createTempFile(dir, "core", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            String name = UserAgent.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(name));
            try (InputStream in = UserAgent.class.getResourceAsStream("/" + name)) {
                in.transferTo(out);
            }
            if (pomProperties != null) {
                out.putNextEntry(new JarEntry("META-INF/maven/dev.tocsin/tocsin-core/pom.properties"));
                out.write(pomProperties.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static String userAgentFrom(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = Class.forName(UserAgent.class.getName(), true, loader);
            assertThat(loaded).isNotSameAs(UserAgent.class);
            var value = loaded.getDeclaredField("VALUE");
            value.setAccessible(true);
            return (String) value.get(null);
        }
    }
}
