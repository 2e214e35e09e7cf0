package dev.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone inbox's command line: each slip gets a message naming what was wrong. */
class InboxMainTest {
    @Test
    void portFromArgumentsOrEnvironment() {
        try (IncidentInbox inbox = InboxMain.parse(new String[] {"--port", "0"}, Map.of("TOCSIN_INBOX_PORT", "1"))
                .start()) {
            assertThat(inbox.port()).isPositive();
            assertThat(InboxMain.banner(inbox)).contains(inbox.url() + "/", inbox.eventsUrl(), "Alertmanager");
        }
    }

    @Test
    void slipsAreNamed() {
        assertThatThrownBy(() -> InboxMain.parse(new String[] {"--port", "eighty"}, Map.of()))
                .hasMessageContaining("--port \"eighty\" is not a port");
        assertThatThrownBy(() -> InboxMain.parse(new String[] {"--port", ""}, Map.of()))
                .hasMessageContaining("is not a port");
        assertThatThrownBy(() -> InboxMain.parse(new String[0], Map.of("TOCSIN_INBOX_PORT", " ")))
                .hasMessageContaining("TOCSIN_INBOX_PORT");
        assertThatThrownBy(() -> InboxMain.parse(new String[] {"--prot", "1"}, Map.of()))
                .hasMessageContaining("unknown or incomplete argument \"--prot\"");
        assertThatThrownBy(() -> InboxMain.parse(new String[] {"--port"}, Map.of()))
                .hasMessageContaining("incomplete");
        assertThatThrownBy(() -> InboxMain.parse(new String[] {"--host", "no such host.invalid"}, Map.of()))
                .hasMessageContaining("is not an address");
    }
}
