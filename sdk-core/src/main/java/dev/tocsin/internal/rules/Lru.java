package dev.tocsin.internal.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that forget their least recently used entry past a size: the rules stage's memory, bounded whatever comes. */
public final class Lru {
    private Lru() {
    }

    public static <V> Map<String, V> map(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
