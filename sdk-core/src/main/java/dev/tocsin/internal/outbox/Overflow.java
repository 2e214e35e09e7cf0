package dev.tocsin.internal.outbox;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The deliveries a lane holds past its buffer while the spool is on, oldest first. A spooled delivery is kept
 * without its request, which stays on disk until the lane has room and loads it back. Per-key counts let the lane
 * keep a key's order: while a key has anything here, its later deliveries must come here too, behind it. Dispatch
 * thread only.
 */
final class Overflow {
    private final ArrayDeque<Delivery> fifo = new ArrayDeque<>();
    private final Map<String, Integer> perKey = new HashMap<>();

    /** Adds a delivery at the back; a spooled one leaves its request to the spool. */
    void add(Delivery d) {
        fifo.addLast(d.seq() >= 0 ? d.withoutRequest() : d);
        if (d.dedupKey() != null) {
            perKey.merge(d.dedupKey(), 1, Integer::sum);
        }
    }

    /** Whether a delivery of {@code dedupKey} waits here; never for a {@code null} key, which orders with nothing. */
    boolean holds(String dedupKey) {
        return dedupKey != null && perKey.containsKey(dedupKey);
    }

    Delivery peek() {
        return fifo.peekFirst();
    }

    /** Removes and returns the oldest delivery, or {@code null}. */
    Delivery poll() {
        Delivery d = fifo.pollFirst();
        if (d != null && d.dedupKey() != null) {
            perKey.computeIfPresent(d.dedupKey(), (k, n) -> n == 1 ? null : n - 1);
        }
        return d;
    }

    int size() {
        return fifo.size();
    }

    boolean isEmpty() {
        return fifo.isEmpty();
    }
}
