package dev.tocsin.internal.transport;

import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} the SDK sends: {@code tocsin-java/<version>}. The version is tocsin-core's own, read from
 * its jar's manifest ({@code Implementation-Version}, written by the build), or, when the classes were shaded into
 * another jar whose manifest is the application's, from the Maven descriptor the jar carries; {@code dev} when
 * the classes do not come from a jar (an IDE, the module's own tests).
 */
final class UserAgent {
    /** The {@code Implementation-Title} of tocsin-core's jar: the module's name. */
    static final String TITLE = "Tocsin core";
    static final String VALUE = "tocsin-java/" + version(UserAgent.class.getPackage(), UserAgent.class);

    private UserAgent() {
    }

    static String version(Package p, Class<?> anchor) {
        if (p != null && TITLE.equals(p.getImplementationTitle()) && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        try (InputStream in = anchor.getResourceAsStream("/META-INF/maven/dev.tocsin/tocsin-core/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                String version = pom.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.strip();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no descriptor to read: not a build of the jar
        }
        return "dev";
    }
}
