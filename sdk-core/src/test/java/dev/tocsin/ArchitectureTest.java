package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.testing.PackageGraph;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shape the {@code dev.tocsin.internal} package documentation promises, checked on the compiled classes. */
class ArchitectureTest {
    private static PackageGraph graph;

    @BeforeAll
    static void read() {
        graph = PackageGraph.of(Path.of("target", "classes"));
    }

    @Test
    void thePackagesHaveNoCycles() {
        assertThat(graph.uses()).containsKeys("dev.tocsin", "dev.tocsin.internal.pipeline", "dev.tocsin.event");
        assertThat(graph.cycles()).as("package cycles").isEmpty();
    }

    @Test
    void theEngineNeverUsesTheApiAboveItNorTheDestinations() {
        graph.uses().forEach((from, tos) -> {
            if (from.startsWith("dev.tocsin.internal")) {
                assertThat(tos).as(from).doesNotContain("dev.tocsin", "dev.tocsin.pagerduty",
                        "dev.tocsin.alertmanager", "dev.tocsin.webhook", "dev.tocsin.micrometer");
            }
        });
    }

    @Test
    void theEventModelStandsOnItsOwn() {
        assertThat(graph.uses().get("dev.tocsin.event")).as("what dev.tocsin.event uses")
                .isSubsetOf(Set.of("dev.tocsin.internal.text"));
    }

    @Test
    void theEngineFollowsTheDataFlow() {
        // The pipeline (the dispatch loop) drives the stages and no stage reaches back into it; the outbox uses only
        // the intake's Rank (how urgent an event is) and the stages after it; intake, resilience and transport use
        // no other stage at all.
        String[] stages = {"intake", "pipeline", "outbox", "resilience", "transport"};
        for (String stage : stages) {
            Set<String> uses = graph.uses().getOrDefault("dev.tocsin.internal." + stage, Set.of());
            for (String other : stages) {
                boolean allowed = other.equals(stage) || stage.equals("pipeline")
                        || stage.equals("outbox") && !other.equals("pipeline");
                if (!allowed) {
                    assertThat(uses).as(stage + " uses " + other).doesNotContain("dev.tocsin.internal." + other);
                }
            }
        }
    }

    @Test
    void theOutboxTakesOnlyTheRankFromTheIntake() {
        assertThat(graph.classesUsed("dev.tocsin.internal.outbox", "dev.tocsin.internal.intake"))
                .as("what the outbox uses of the intake").containsOnly("Rank");
    }
}
