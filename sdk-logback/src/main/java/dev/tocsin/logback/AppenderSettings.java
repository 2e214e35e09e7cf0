package dev.tocsin.logback;

import java.util.List;
import java.util.function.Consumer;

/** The appender's settings as they were at {@code start()}: immutable, shared by every captured record. */
record AppenderSettings(String source, String component, List<String> mdcKeys, int stackDepth, String runbookUrl,
        Consumer<String> onKey, FingerprintCache fingerprints) {

    /** Tells the auto-resolver that a key just fired (on the client's thread). */
    void observed(String key) {
        onKey.accept(key);
    }
}
