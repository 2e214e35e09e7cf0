package dev.tocsin.compat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLConnection;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Reads the version of the library that holds a class: the package's {@code Implementation-Version}, else the
 * {@code Implementation-Version} or {@code Bundle-Version} of the manifest of the jar the class was loaded from
 * (Logback 1.2 has only the latter), else the module's version. Never throws. Thread-safe.
 *
 * <p>A manifest's version counts only if the manifest names the library ({@code mark} in its
 * {@code Implementation-Title}, {@code Bundle-SymbolicName}, {@code Bundle-Name} or {@code Automatic-Module-Name}):
 * in an application's shaded jar the library's classes sit under the application's manifest, whose version is
 * the application's, and reading it as the library's would refuse a supported library. Such a version is unknown,
 * and the caller's probe decides ({@link Requirement}).
 */
public final class LibraryVersion {
    private static final String[] NAMES = {"Implementation-Title", "Bundle-SymbolicName", "Bundle-Name",
            "Automatic-Module-Name"};

    private LibraryVersion() {
    }

    /**
     * The version, as written by the library, or {@code null} if none can be read.
     *
     * @param anchor a class of the library
     * @param mark a word its manifest names it by, such as {@code "slf4j"} or {@code "resilience4j"}
     */
    public static String of(Class<?> anchor, String mark) {
        try {
            String word = mark.toLowerCase(Locale.ROOT);
            Package p = anchor.getPackage();
            String version = p != null && names(p.getImplementationTitle(), word) ? p.getImplementationVersion() : null;
            if (blank(version)) {
                version = fromManifest(anchor, word);
            }
            if (blank(version)) {
                ModuleDescriptor module = anchor.getModule().getDescriptor();
                version = module == null ? null : module.rawVersion().orElse(null);
            }
            return blank(version) ? null : version.strip();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static String fromManifest(Class<?> anchor, String mark) throws java.io.IOException {
        String name = anchor.getName();
        URL resource = anchor.getResource(name.substring(name.lastIndexOf('.') + 1) + ".class"); // nested: A$B
        String url = resource == null ? "" : resource.toString();
        int root = url.lastIndexOf("!/");
        if (!url.startsWith("jar:") || root < 0) {
            return null; // a class directory, as in an IDE: no manifest to read
        }
        URLConnection connection = new URL(url.substring(0, root + 2) + "META-INF/MANIFEST.MF").openConnection();
        connection.setUseCaches(false); // do not keep the application's jar open
        try (InputStream in = connection.getInputStream()) {
            Attributes main = new Manifest(in).getMainAttributes();
            boolean ours = false;
            for (String attribute : NAMES) {
                ours |= names(main.getValue(attribute), mark);
            }
            if (!ours) {
                return null; // another jar's manifest, such as a shaded application's
            }
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return blank(version) ? main.getValue("Bundle-Version") : version;
        }
    }

    private static boolean names(String value, String mark) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(mark);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
