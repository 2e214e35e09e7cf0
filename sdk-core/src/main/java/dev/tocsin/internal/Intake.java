package dev.tocsin.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded intake queue: many producers, one consumer, bounded by count and by estimated bytes.
 *
 * <p>Count and bytes share one atomic word (count in the high 24 bits, bytes in the low 40), so an offer costs
 * one atomic add on a line the consumer rarely writes: the consumer takes a batch, then releases its room in one
 * step. A full queue refuses with a plain read. An offer never blocks.
 */
final class Intake {
    private static final int BYTE_BITS = 40;
    private static final long BYTE_MASK = (1L << BYTE_BITS) - 1;
    static final int MAX_COUNT = (1 << 23) - 1;
    static final long MAX_BYTES = BYTE_MASK >> 1;

    private final ConcurrentLinkedQueue<Submission> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong state = new AtomicLong();
    private final int maxCount;
    private final long maxBytes;

    Intake(int maxCount, long maxBytes) {
        this.maxCount = Math.min(maxCount, MAX_COUNT);
        this.maxBytes = Math.min(maxBytes, MAX_BYTES);
    }

    /**
     * Offers one event.
     *
     * @return the number of events queued or taken but not yet released, this one included ({@code 1} means the
     *     consumer had nothing, so it may be asleep), or {@code 0} if the queue is full by count or bytes
     */
    int offer(Submission s) {
        long bytes = Math.max(0, Math.min(s.bytes(), maxBytes));
        long now = state.get();
        if (count(now) >= maxCount || (now & BYTE_MASK) + bytes > maxBytes) {
            return 0; // full: refuse with a read only, so a storm of refusals does not fight the consumer
        }
        long add = (1L << BYTE_BITS) + bytes;
        long after = state.addAndGet(add);
        if (count(after) > maxCount || (after & BYTE_MASK) > maxBytes) {
            state.addAndGet(-add);
            return 0;
        }
        queue.offer(s);
        return count(after);
    }

    /** Takes the next event; its room stays reserved until {@link #release}. Consumer only. */
    Submission poll() {
        return queue.poll();
    }

    /** Gives back the room of {@code events} taken events holding {@code bytes}. */
    void release(int events, long bytes) {
        if (events > 0) {
            state.addAndGet(-(((long) events << BYTE_BITS) + bytes));
        }
    }

    /** The room an event takes, as {@link #offer} counted it. */
    long weight(Submission s) {
        return Math.max(0, Math.min(s.bytes(), maxBytes));
    }

    /** Events queued or taken and not yet released. */
    int size() {
        return count(state.get());
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    private static int count(long state) {
        return (int) (state >>> BYTE_BITS);
    }
}
