package dev.tocsin.spring;

import dev.tocsin.compat.Requirement;
import dev.tocsin.compat.UnsupportedLibraryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootVersion;

/**
 * The Spring Boot versions the starter on the class path runs on, and the check that refuses others. Tocsin has one
 * starter per Spring Boot line ({@link Line}): {@code tocsin-spring-boot-starter} for 4.x and
 * {@code tocsin-spring-boot3-starter} for 3.5.x, each a small jar of adapters to its line's health API beside this
 * module, {@code tocsin-spring-boot-common}. Each starter says which line it is for in
 * {@value Line#RESOURCE}. On a Spring Boot of another line, the starter's adapters would fail with a
 * {@code NoClassDefFoundError} wherever one of them is first touched; this check turns that into one message naming
 * Spring Boot, the version found, the versions needed and the starter to use instead
 * ({@link UnsupportedLibraryException}, reported by {@link UnsupportedLibraryFailureAnalyzer}), before any of them is
 * loaded. The same goes for no starter at all (this module alone) and for both starters together.
 *
 * <p>{@link EarlyPaging} runs it, so this class, like that listener, may only use what Spring Boot 3.5 and 4 both
 * have: {@link SpringBootVersion#getVersion()} (Spring Boot 1.3 and later) and Tocsin's core. A version that cannot
 * be read ({@code null}, as from a repackaged jar, or not a version at all) is let through: refusing an application
 * for what may be a supported Spring Boot would be worse than the {@code LinkageError} it might prevent. A
 * qualifier is read by its numbers ({@code 4.1.0-SNAPSHOT} is 4.1.0, {@code 4.x-SNAPSHOT} is 4). Immutable.
 */
final class SpringBootRange {
    /** The name the message gives the library, as users know it. */
    static final String LIBRARY = "Spring Boot";

    /** The lines Tocsin has a starter for, oldest first: for the advice when the application's is another. */
    static final List<Line> LINES = List.of(
            new Line("tocsin-spring-boot3-starter", "3.5", "3.5.0", 4),
            new Line("tocsin-spring-boot-starter", "4", "4.0.0", 5));

    private final List<Line> starters;
    private final Supplier<String> version;

    /**
     * @param starters the lines of the starters on the class path (normally one; two copies of one starter, as in
     *     an application's jar and a container's shared libraries, are one), or {@code null} if they could not be
     *     looked up (then only the version's major is checked against every line)
     * @param version reads the Spring Boot version; may return {@code null} (unknown)
     */
    SpringBootRange(List<Line> starters, Supplier<String> version) {
        this.starters = starters == null ? null : starters.stream().distinct().toList();
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The starter on the class path, on a Spring Boot whose version {@code version} reads (tests). */
    SpringBootRange(Supplier<String> version) {
        this(Line.onClassPath(SpringBootRange.class.getClassLoader()), version);
    }

    /** The starter and the Spring Boot the application runs on. */
    static SpringBootRange onClassPath() {
        return new SpringBootRange(SpringBootVersion::getVersion);
    }

    /**
     * @throws UnsupportedLibraryException if no starter or more than one is on the class path, or the Spring Boot
     *     version is outside the starter's line, naming it, the range and the starter for it, in the same form as
     *     the core's check of its own libraries
     */
    void check() {
        if (starters == null) {
            return; // could not look: refusing on a guess would be worse than the LinkageError it might prevent
        }
        if (starters.isEmpty()) {
            throw new UnsupportedLibraryException("tocsin: no Tocsin starter is on the class path, only "
                    + "tocsin-spring-boot-common, which does nothing on its own; depend on " + choices(), null);
        }
        if (starters.size() > 1) {
            throw new UnsupportedLibraryException("tocsin: " + starters.size() + " Tocsin starters are on the class "
                    + "path (" + String.join(", ", starters.stream().map(Line::artifact).toList())
                    + "); keep only the one for your Spring Boot: " + choices(), null);
        }
        Line line = starters.get(0);
        String problem = line.requirement(version).problem();
        if (problem != null) {
            Line other = LINES.stream().filter(l -> !l.artifact().equals(line.artifact())
                    && l.requirement(version).problem() == null).findFirst().orElse(null);
            throw new UnsupportedLibraryException("tocsin: " + problem.replace("; Tocsin needs ",
                    "; " + line.artifact() + " needs ")
                    + (other == null ? "" : "; for Spring Boot " + other.name() + " use " + other.coordinates()),
                    null);
        }
    }

    private static String choices() {
        List<String> out = new ArrayList<>();
        for (Line l : LINES) {
            out.add(l.coordinates() + " (Spring Boot " + l.name() + ")");
        }
        return String.join(" or ", out);
    }

    /** Whether the exception is this check's, which calls for other advice than a library pinned by a BOM. */
    static boolean refused(UnsupportedLibraryException e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("tocsin: " + LIBRARY + " ") || m.contains(" Tocsin starter"));
    }

    /**
     * A Spring Boot line Tocsin has a starter for: the starter's artifact, the line's name in words ({@code "3.5"},
     * {@code "4"}), its oldest version and the first major version past it.
     */
    record Line(String artifact, String name, String floor, int ceiling) {
        /** Where each starter jar says which line it is for: {@code artifact}, {@code line}, {@code floor}, {@code ceiling}. */
        static final String RESOURCE = "META-INF/tocsin/spring-boot-line.properties";

        Requirement requirement(Supplier<String> version) {
            return new Requirement(LIBRARY, floor, ceiling, version, () -> true); // unknown passes, as said above
        }

        String coordinates() {
            return "dev.tocsin:" + artifact;
        }

        /**
         * The line of each starter on the class path, by its {@link #RESOURCE} (one that cannot be read is left
         * out), or {@code null} if the class loader cannot be asked.
         */
        static List<Line> onClassPath(ClassLoader loader) {
            List<Line> out = new ArrayList<>();
            try {
                for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                    Line line = read(url);
                    if (line != null) {
                        out.add(line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return out;
        }

        private static Line read(URL url) {
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
                return new Line(p.getProperty("artifact", "?").strip(), p.getProperty("line", "?").strip(),
                        p.getProperty("floor", "0").strip(), Integer.parseInt(p.getProperty("ceiling", "").strip()));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
