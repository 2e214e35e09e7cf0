package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests validate against a copy of the published PagerDuty contract kept in the test resources, so the
 * repository tests itself alone; when {@code shared/contracts} stands beside it (as in CI), the copy must be
 * the same file.
 */
class ContractCopyTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"pagerduty-events-v2.openapi.json",
        "alertmanager-v2-v0.25.openapi.yaml"})
    void theCopyIsTheSharedContract(String name) throws Exception {
        Path shared = Path.of(System.getProperty("tocsin.contracts.dir", "../../shared/contracts"), name);
        byte[] copy = ContractCopyTest.class.getResourceAsStream("/contracts/" + name).readAllBytes();
        if (Files.exists(shared)) {
            assertThat(copy).isEqualTo(Files.readAllBytes(shared));
        } else {
            assertThat(copy).isNotEmpty(); // a clone without shared/ still has the contract it was tested with
        }
    }
}
