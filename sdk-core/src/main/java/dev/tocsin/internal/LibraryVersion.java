package dev.tocsin.internal;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLConnection;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Reads the version of the library that holds a class: the package's {@code Implementation-Version}, else the
 * {@code Implementation-Version} or {@code Bundle-Version} of the manifest of the jar the class was loaded from
 * (Logback 1.2 has only the latter), else the module's version. Never throws. Thread-safe.
 */
public final class LibraryVersion {
    private LibraryVersion() {
    }

    /** The version, as written by the library, or {@code null} if none can be read. */
    public static String of(Class<?> anchor) {
        try {
            Package p = anchor.getPackage();
            String version = p == null ? null : p.getImplementationVersion();
            if (blank(version)) {
                version = fromManifest(anchor);
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

    private static String fromManifest(Class<?> anchor) throws java.io.IOException {
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
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return blank(version) ? main.getValue("Bundle-Version") : version;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
