package dev.tocsin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.examples.spring.SpringExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpringExampleTest {

    @Test
    void theSpringExamplePagesForAnErrorAndAHealthComponent() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            SpringExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        original.print(printed);
        assertThat(printed)
                .contains("[local Events API] change      Started inventory-service")
                .containsPattern("\\[local Events API\\] trigger .*Reservation 7 failed")
                .contains("health:inventory-service:inventory")
                .contains("incident health:inventory-service:inventory is resolved.");
    }
}
