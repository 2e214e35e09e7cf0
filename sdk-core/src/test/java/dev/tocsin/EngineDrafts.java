package dev.tocsin;

import dev.tocsin.internal.config.Settings;

/** Settings as the public builder starts them, for tests that build the engine's parts directly. */
public final class EngineDrafts {
    private EngineDrafts() {
    }

    /** A draft with every documented default filled in. */
    public static Settings.Draft withDefaults() {
        return Tocsin.builder().draft();
    }
}
