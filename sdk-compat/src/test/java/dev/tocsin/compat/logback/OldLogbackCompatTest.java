package dev.tocsin.compat.logback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.compat.ChildJvm;
import dev.tocsin.compat.LocalReceiver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On Logback 1.2 (with SLF4J 1.7), the appender stays stopped with one status error, and logging goes on. */
class OldLogbackCompatTest {

    @Test
    void logback12LeavesTheAppenderStoppedWithOneClearStatus() throws Exception {
        String output = ChildJvm.run(OldLogbackMain.class, "logback",
                List.of("logback-classic-", "logback-core-", "slf4j-api-"));

        assertThat(output).contains("started=false")
                .contains("status ERROR: Tocsin appender [PAGER] is not paging: tocsin: Logback (logback-classic) 1.2.13 "
                        + "is on the class path; Tocsin needs 1.3.0 or a later 1.x. It stays stopped")
                .contains("logged without an error")
                .doesNotContain("NoSuchMethodError").doesNotContain(LocalReceiver.ROUTING_KEY);
    }
}
