package dev.tocsin.compat;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.internal.resilience.Resilience;
import dev.tocsin.spi.TocsinListener;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The versions of the libraries the core links against, checked when a client is built: a version outside its
 * range fails {@code build()} with one message that names the library, the version found and the versions
 * needed, rather than a {@code LinkageError} in the application or on the dispatch thread later.
 *
 * <p>Supported: Jackson 2.12 and later 2.x; Resilience4j 1.7.1 to 2.x (see {@link Resilience}); SLF4J 1.7.36 to 2.x
 * (the last 1.7 release, the oldest the compatibility runs test: a 1.7 user moves up a patch release); Micrometer 1.10
 * and later 1.x, checked only when a {@code dev.tocsin.micrometer} listener is added, since Micrometer is optional.
 * A version that cannot be read from its jar is not refused for that: the library passes if what Tocsin calls is
 * there, and the message says "version unknown" if it is not. Thread-safe.
 */
public final class Compatibility {
    /** Micrometer's binding; by name, as loading it would need Micrometer on the class path. */
    private static final String MICROMETER_PACKAGE = "dev.tocsin.micrometer.";

    // Every library class is named inside a lambda, so that a broken or missing jar shows up as an unreadable
    // version (a Requirement catches that) rather than as a failure to initialize this class.
    private static final List<Requirement> CORE = List.of(
            // isEmpty() (2.10) is the newest Jackson method the core calls.
            new Requirement("Jackson (jackson-databind)", "2.12.0", 3,
                    () -> jackson(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
                            com.fasterxml.jackson.databind.ObjectMapper.class),
                    () -> has(JsonNode.class, "isEmpty")),
            new Requirement("Jackson (jackson-core)", "2.12.0", 3,
                    () -> jackson(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                            com.fasterxml.jackson.core.JsonFactory.class),
                    () -> true),
            new Requirement("Resilience4j (resilience4j-circuitbreaker)", "1.7.1", 3,
                    () -> LibraryVersion.of(CircuitBreaker.class, "resilience4j"), () -> Resilience.onClassPath().unusable() == null),
            new Requirement("Resilience4j (resilience4j-ratelimiter)", "1.7.1", 3,
                    () -> LibraryVersion.of(RateLimiter.class, "resilience4j"), () -> true),
            // 1.7.36 has nothing the core calls that 1.7.0 lacks: the floor is the oldest release that is tested.
            new Requirement("SLF4J (slf4j-api)", "1.7.36", 3, () -> LibraryVersion.of(LoggerFactory.class, "slf4j"),
                    () -> true));

    /** Read once: the class path does not change under a running application. */
    private static volatile String coreProblems;

    private Compatibility() {
    }

    /**
     * Checks the libraries every client needs (Jackson, Resilience4j, SLF4J), for an integration that wants to
     * fail early, before it builds a client.
     *
     * @throws UnsupportedLibraryException naming every library outside its range, with the version found and
     *     needed
     */
    public static void check() {
        check(List.of());
    }

    /**
     * Checks the libraries a client built with these listeners needs: also Micrometer when one of them is
     * Tocsin's Micrometer binding. {@code Tocsin.Builder.build()} calls it.
     *
     * @throws UnsupportedLibraryException naming every library outside its range, with the version found and
     *     needed
     */
    public static void check(List<TocsinListener> listeners) {
        List<String> problems = new ArrayList<>();
        String core = coreProblems();
        if (!core.isEmpty()) {
            problems.add(core);
        }
        if (listeners.stream().anyMatch(l -> l.getClass().getName().startsWith(MICROMETER_PACKAGE))) {
            String micrometer = micrometer().problem();
            if (micrometer != null) {
                problems.add(micrometer);
            }
        }
        if (!problems.isEmpty()) {
            throw new UnsupportedLibraryException(message(problems), null);
        }
    }

    /** The one message for a set of problems, each already naming its library and versions. */
    static String message(List<String> problems) {
        return "tocsin: " + String.join("; ", problems) + ". Align the version (in your BOM or "
                + "dependencyManagement); Tocsin's README lists the supported versions";
    }

    /**
     * Turns a linkage failure that got past the check into the same kind of error, naming what was found: what
     * {@code Tocsin.Builder.build()} throws instead of a {@link LinkageError}.
     */
    public static UnsupportedLibraryException linkageFailure(LinkageError e) {
        return new UnsupportedLibraryException("tocsin: a library on the class path does not match what Tocsin calls ("
                + e + "); found " + String.join(", ", found()) + ". Tocsin's README lists the supported versions",
                e);
    }

    /** The library versions found on the class path, for messages. */
    static List<String> found() {
        return CORE.stream().map(r -> r.library() + " " + java.util.Objects.requireNonNullElse(r.found(), "(version unknown)")).toList();
    }

    private static String coreProblems() {
        String cached = coreProblems;
        if (cached == null) {
            List<String> problems = new ArrayList<>();
            for (Requirement r : CORE) {
                String p = r.problem();
                if (p != null) {
                    problems.add(p);
                }
            }
            cached = String.join("; ", problems);
            coreProblems = cached;
        }
        return cached;
    }

    private static Requirement micrometer() {
        return new Requirement("Micrometer (micrometer-core)", "1.10.0", 2,
                () -> LibraryVersion.of(io.micrometer.core.instrument.MeterRegistry.class, "micrometer"),
                () -> has(io.micrometer.core.instrument.Gauge.Builder.class, "strongReference", boolean.class));
    }

    /** Jackson's own record of its version, else its jar's. */
    private static String jackson(Version packageVersion, Class<?> anchor) {
        return packageVersion == null || packageVersion.isUnknownVersion() ? LibraryVersion.of(anchor, "jackson")
                : packageVersion.getMajorVersion() + "." + packageVersion.getMinorVersion() + "."
                        + packageVersion.getPatchLevel();
    }

    private static boolean has(Class<?> type, String method, Class<?>... parameters) {
        try {
            type.getMethod(method, parameters);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
