package dev.tocsin;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tocsin.event.Alert;
import dev.tocsin.event.ChangeEvent;
import dev.tocsin.event.Image;
import dev.tocsin.event.Link;
import dev.tocsin.testing.Hostile;
import dev.tocsin.testing.Seeds;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value types take whatever a caller hands them, {@code null} included, and repair it later, as
 * {@code Alert.trigger(null)} does: construction never throws into the caller.
 */
class HostileConstructionPropertiesTest {
    private static final int CASES = Seeds.BATCHES * Seeds.CASES_PER_BATCH;

    static Stream<Arguments> alert() {
        return Seeds.cases("construct-alert", CASES);
    }

    static Stream<Arguments> link() {
        return Seeds.cases("construct-link", CASES);
    }

    static Stream<Arguments> image() {
        return Seeds.cases("construct-image", CASES);
    }

    static Stream<Arguments> changeEvent() {
        return Seeds.cases("construct-change", CASES);
    }

    @ParameterizedTest
    @MethodSource
    void alert(long seed) {
        Hostile gen = new Hostile(seed);
        assertThatCode(() -> gen.alert().build().toBuilder().build()).as(gen::trail).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource
    void link(long seed) {
        Hostile gen = new Hostile(seed);
        assertThatCode(() -> new Link(gen.url(false), gen.string())).as(gen::trail).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource
    void image(long seed) {
        Hostile gen = new Hostile(seed);
        assertThatCode(() -> new Image(gen.url(true), gen.url(false), gen.string())).as(gen::trail)
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource
    void changeEvent(long seed) {
        Hostile gen = new Hostile(seed);
        assertThatCode(() -> {
            gen.change();
            ChangeEvent.of(gen.string());
        }).as(gen::trail).doesNotThrowAnyException();
    }
}
