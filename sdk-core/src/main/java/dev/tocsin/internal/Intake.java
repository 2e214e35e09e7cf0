package dev.tocsin.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded intake queue: many producers, one consumer, bounded by count and by estimated bytes. An offer
 * never blocks and never allocates beyond the queue node; a full queue refuses the newest event.
 */
final class Intake {
    private final ConcurrentLinkedQueue<Submission> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final int maxCount;
    private final long maxBytes;

    Intake(int maxCount, long maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** Returns {@code false}, without side effects, if the queue is full by count or bytes. */
    boolean offer(Submission s) {
        if (count.incrementAndGet() > maxCount) {
            count.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(s.bytes()) > maxBytes) {
            bytes.addAndGet(-s.bytes());
            count.decrementAndGet();
            return false;
        }
        queue.offer(s);
        return true;
    }

    Submission poll() {
        Submission s = queue.poll();
        if (s != null) {
            bytes.addAndGet(-s.bytes());
            count.decrementAndGet();
        }
        return s;
    }

    int size() {
        return Math.max(0, count.get());
    }
}
