package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.InboxFixture;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Micrometer is optional: the core works in a JVM whose class path has no Micrometer at all. */
class OptionalMicrometerTest {
    @RegisterExtension
    final InboxFixture api = PagerDutyContract.inbox();

    @Test
    void theClientRunsWithoutMicrometerOnTheClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", classPath,
                NoMicrometerMain.class.getName(), api.endpoint()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("delivered=1").doesNotContain("NoClassDefFoundError");
        assertThat(api.alertCount()).isEqualTo(1);
    }
}
