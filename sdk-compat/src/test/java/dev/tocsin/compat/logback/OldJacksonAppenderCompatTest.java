package dev.tocsin.compat.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.compat.ChildJvm;
import dev.tocsin.compat.LocalReceiver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a Jackson outside the supported range, the appender says so in {@code start()} — while Logback still prints
 * configuration errors — rather than when its client is built, perhaps later on another thread where nobody sees
 * it. It then runs as a no-op: logging goes on, and its events are not counted as drops.
 */
class OldJacksonAppenderCompatTest {

    @Test
    void jackson211IsReportedWhenTheAppenderStarts() throws Exception {
        String output = ChildJvm.run(OldLogbackMain.class, "jackson",
                List.of("jackson-databind-", "jackson-core-", "jackson-annotations-"));

        assertThat(output).contains("started=true")
                .contains("status ERROR: Tocsin appender [PAGER] is not paging: tocsin: Jackson (jackson-databind) "
                        + "2.11.4 is on the class path; Tocsin needs 2.12.0 or a later 2.x")
                .contains("logged without an error")
                .doesNotContain("dropped events")
                .doesNotContain("NoSuchMethodError").doesNotContain(LocalReceiver.ROUTING_KEY);
    }
}
