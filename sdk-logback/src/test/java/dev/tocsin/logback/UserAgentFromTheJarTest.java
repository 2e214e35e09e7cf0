package dev.tocsin.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.PagerDutyContract;
import dev.tocsin.Tocsin;
import dev.tocsin.event.Severity;
import dev.tocsin.testing.InboxFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tocsin-core as users get it: in {@code mvn verify} this module is tested against tocsin-core's jar, whose
 * manifest must carry the project's version, and requests must say it in their {@code User-Agent}. Run against
 * tocsin-core's classes (an IDE, {@code mvn test}), the version is {@code dev}.
 */
class UserAgentFromTheJarTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void requestsCarryTheVersionOfTheCoreJarTheyComeFrom() throws Exception {
        Path core = Path.of(Tocsin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String expected = "dev";
        if (core.toString().endsWith(".jar")) {
            expected = System.getProperty("tocsin.project.version");
            assertThat(expected).as("set by this module's surefire configuration").isNotBlank();
            try (JarFile jar = new JarFile(core.toFile())) {
                assertThat(jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION))
                        .isEqualTo(expected);
            }
        }
        Tocsin tocsin = api.client();
        tocsin.trigger("boom", Severity.ERROR);
        assertThat(tocsin.flush(Duration.ofSeconds(10))).isTrue();
        String userAgent = "tocsin-java/" + expected;
        assertThat(api.requests(InboxFixture.ALERTS_PATH)).anyMatch(r -> userAgent.equals(r.header("User-Agent")));
    }
}
