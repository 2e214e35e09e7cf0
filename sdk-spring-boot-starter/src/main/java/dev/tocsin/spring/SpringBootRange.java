package dev.tocsin.spring;

import dev.tocsin.compat.Requirement;
import dev.tocsin.compat.UnsupportedLibraryException;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootVersion;

/**
 * The Spring Boot versions the starter runs on, 4.0.0 up to 5 (not included), and the check that refuses others.
 * The starter calls Spring Boot 4's own types (its health API, {@code org.springframework.boot.health.*}, among
 * them), so on Spring Boot 3 or 5 it would fail with a {@code NoClassDefFoundError} or {@code NoSuchMethodError}
 * wherever one of them is first touched; this check turns that into one message naming Spring Boot, the version
 * found and the versions needed ({@link UnsupportedLibraryException}, reported by
 * {@link UnsupportedLibraryFailureAnalyzer}), before any of them is loaded.
 *
 * <p>{@link EarlyPaging} runs it, so this class, like that listener, may only use what Spring Boot 3 and 4 both have:
 * {@link SpringBootVersion#getVersion()} (Spring Boot 1.3 and later) and Tocsin's core. A version that cannot be
 * read ({@code null}, as from a repackaged jar, or not a version at all) is let through: refusing an application
 * for what may be a supported Spring Boot would be worse than the {@code LinkageError} it might prevent. A
 * qualifier is read by its numbers ({@code 4.1.0-SNAPSHOT} is 4.1.0, {@code 4.x-SNAPSHOT} is 4). Immutable.
 */
final class SpringBootRange {
    /** The name the message gives the library, as users know it. */
    static final String LIBRARY = "Spring Boot";

    private final Requirement requirement;

    /** @param version reads the Spring Boot version; may return {@code null} (unknown) */
    SpringBootRange(Supplier<String> version) {
        // An unknown version passes (the probe), as the class comment says.
        this.requirement = new Requirement(LIBRARY, "4.0.0", 5, version, () -> true);
    }

    /** The Spring Boot the application runs on. */
    static SpringBootRange onClassPath() {
        return new SpringBootRange(SpringBootVersion::getVersion);
    }

    /**
     * @throws UnsupportedLibraryException if the Spring Boot version is outside the range, naming it and the range,
     *     in the same form as the core's check of its own libraries
     */
    void check() {
        String problem = requirement.problem();
        if (problem != null) {
            throw new UnsupportedLibraryException("tocsin: " + problem, null);
        }
    }

    /** Whether the exception is this check's, which calls for other advice than a library pinned by a BOM. */
    static boolean refused(UnsupportedLibraryException e) {
        return e.getMessage() != null && e.getMessage().startsWith("tocsin: " + LIBRARY + " ");
    }
}
