package dev.tocsin.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.Tocsin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's and the appender's bytecode links against the oldest and the newest supported libraries: every
 * Jackson, Resilience4j, SLF4J, Micrometer and Logback class, field and method they refer to exists, with the
 * same descriptor, in each set of jars under {@code target/linkage} (copied by the pom). In the default build
 * these are the classes users get, compiled against the default versions: a call that exists only there compiles,
 * then fails on an older library with {@code NoSuchMethodError}, as {@code CircuitBreakerConfig.Builder.clock}
 * once did. (The compat runs compile against their own versions, which catches such a call at compile time.)
 */
class ShippedBytecodeCompatTest {
    private static final List<String> LIBRARIES = List.of("com/fasterxml/jackson/", "io/github/resilience4j/",
            "org/slf4j/", "io/micrometer/", "ch/qos/logback/");

    @ParameterizedTest
    @ValueSource(strings = {"core-floor", "logback-floor", "newest"})
    void everyLibraryMemberTheShippedClassesUseExists(String set) throws Exception {
        Map<String, ClassFile> library = new HashMap<>();
        Path dir = Path.of(System.getProperty("tocsin.linkage.dir"), set);
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                readAll(jar, c -> library.put(c.name(), c));
            }
        }
        List<ClassFile> shipped = new ArrayList<>();
        readAll(codeOf(Tocsin.class), shipped::add);
        Class<?> appender = appender();
        if (appender != null && library.containsKey("ch/qos/logback/classic/Logger")) {
            readAll(codeOf(appender), shipped::add);
        }

        List<String> missing = new ArrayList<>();
        for (ClassFile c : shipped) {
            for (String ref : c.classRefs()) {
                String type = ref.replaceFirst("^\\[+L", "").replaceFirst(";$", ""); // an array's element type
                if (inLibraries(type) && !library.containsKey(type)) {
                    missing.add(c.name() + " -> class " + ref);
                }
            }
            for (ClassFile.Ref ref : c.refs()) {
                if (inLibraries(ref.owner())
                        && !resolves(library, ref.owner(), ref.name() + ":" + ref.descriptor())) {
                    missing.add(c.name() + " -> " + ref);
                }
            }
        }
        assertThat(shipped).hasSizeGreaterThan(50);
        assertThat(missing).as("members missing from the %s jars", set).isEmpty();
    }

    /** Whether {@code member} is declared by {@code owner} or one of its supertypes, as the JVM resolves it. */
    private static boolean resolves(Map<String, ClassFile> library, String owner, String member) {
        if (owner == null) {
            return false;
        }
        ClassFile c = library.get(owner);
        if (c == null) {
            return jdkDeclares(owner, member);
        }
        if (c.members().contains(member) || resolves(library, c.superName(), member)) {
            return true;
        }
        return c.interfaces().stream().anyMatch(i -> resolves(library, i, member));
    }

    /** Members inherited from the JDK ({@code Object.toString}, {@code Iterable.forEach}): read the JDK's class. */
    private static boolean jdkDeclares(String owner, String member) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(owner + ".class")) {
            if (in == null || !owner.startsWith("java/")) {
                return false;
            }
            ClassFile c = ClassFile.read(in);
            return c.members().contains(member) || c.superName() != null && jdkDeclares(c.superName(), member)
                    || c.interfaces().stream().anyMatch(i -> jdkDeclares(i, member));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean inLibraries(String internalName) {
        return LIBRARIES.stream().anyMatch(internalName::startsWith);
    }

    /** The appender, unless this run leaves Logback out (compat-floor: SLF4J 1.7). */
    private static Class<?> appender() {
        try {
            return Class.forName("dev.tocsin.logback.TocsinAppender");
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static Path codeOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private interface Sink {
        void accept(ClassFile c) throws IOException;
    }

    /** Every class file of a jar or a class directory. */
    private static void readAll(Path location, Sink sink) throws IOException {
        if (Files.isDirectory(location)) {
            visit(location, sink);
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            visit(jar.getPath("/"), sink);
        }
    }

    private static void visit(Path root, Sink sink) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")
                    && !f.getFileName().toString().equals("module-info.class")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    sink.accept(ClassFile.read(in));
                }
            }
        }
    }
}
