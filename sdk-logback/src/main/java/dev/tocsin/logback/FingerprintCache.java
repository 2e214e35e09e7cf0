package dev.tocsin.logback;

import dev.tocsin.event.DedupKeys;

/**
 * Remembers the key of the last exception fingerprinted, by identity: an application that logs one exception
 * object over and over (a storm) pays for its fingerprint once. Thread-safe.
 */
final class FingerprintCache {
    private volatile Entry last;

    String keyOf(Throwable error) {
        Entry e = last;
        if (e != null && e.error == error) {
            return e.key;
        }
        String key = DedupKeys.of(error);
        last = new Entry(error, key);
        return key;
    }

    private record Entry(Throwable error, String key) {
    }
}
