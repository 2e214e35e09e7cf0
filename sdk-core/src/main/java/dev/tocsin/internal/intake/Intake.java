package dev.tocsin.internal.intake;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded intake queue: many producers, one consumer, bounded by count and by estimated bytes, and one FIFO
 * (each dedup key's trigger, acknowledge and resolve must reach the pipeline in the order they were offered).
 *
 * <p>Count and bytes share one atomic word (count in the high 24 bits, bytes in the low 40), so an offer costs
 * one atomic add on a line the consumer rarely writes, plus one on its rank's own line: the consumer takes a
 * batch, then releases its room in one step. A full queue refuses with plain reads. An offer never blocks.
 *
 * <p><b>Shedding.</b> When the queue is full, an event still gets in if a less severe one (lower {@link Rank}) is
 * queued: it takes a <em>shed debt</em> against the lowest such rank, and the consumer gives up the next event
 * of that rank it polls ({@link Submission#wasShed()}) instead of processing it. A shed event keeps its room
 * until the consumer reaches it, so at worst the queue holds {@code capacity} live events plus as many shed
 * ones: at most twice its capacity by count, and by bytes (a hard check). An event not more severe than
 * anything queued is refused, as before.
 */
public final class Intake {
    private static final int BYTE_BITS = 40;
    private static final long BYTE_MASK = (1L << BYTE_BITS) - 1;
    /** Twice the count (shedding), plus racing producers, still fits the 24 count bits. */
    static final int MAX_COUNT = (1 << 22) - 1;
    /** Twice the bytes (shedding) still fits the 40 byte bits. */
    static final long MAX_BYTES = BYTE_MASK >> 2;
    /** Each rank's word on its own cache line, so a storm of one rank does not slow down the others. */
    private static final int STRIDE = 8;
    /** A rank's word: queued events in the high 32 bits, shed debt in the low 32. */
    private static final long ONE_QUEUED = 1L << 32;

    private final ConcurrentLinkedQueue<Submission> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong state = new AtomicLong();
    private final AtomicLongArray ranks = new AtomicLongArray(Rank.COUNT * STRIDE);
    private final int maxCount;
    private final long maxBytes;

    public Intake(int maxCount, long maxBytes) {
        this.maxCount = Math.min(maxCount, MAX_COUNT);
        this.maxBytes = Math.min(maxBytes, MAX_BYTES);
    }

    /**
     * Offers one event.
     *
     * @return the number of events queued or taken but not yet released, this one included ({@code 1} means the
     *     consumer had nothing, so it may be asleep); that number negated if the event got in by shedding a less
     *     severe one; or {@code 0} if the queue is full by count or bytes and holds nothing less severe
     */
    public int offer(Submission s) {
        long bytes = weight(s);
        long now = state.get();
        if (count(now) >= maxCount || (now & BYTE_MASK) + bytes > maxBytes) {
            return offerBySheddingBelow(s, bytes);
        }
        long add = (1L << BYTE_BITS) + bytes;
        long after = state.addAndGet(add);
        if (count(after) > maxCount || (after & BYTE_MASK) > maxBytes) {
            state.addAndGet(-add);
            return offerBySheddingBelow(s, bytes);
        }
        enqueue(s);
        return count(after);
    }

    private int offerBySheddingBelow(Submission s, long bytes) {
        if (!anyUnshedBelow(s.rank())) {
            return 0; // reads only: a flood of one rank against a queue full of it costs no contention
        }
        long add = (1L << BYTE_BITS) + bytes;
        long after = state.addAndGet(add); // room first: unlike a debt, it can be given back at any time
        if (count(after) > 2L * maxCount || (after & BYTE_MASK) > 2 * maxBytes || !claimDebtBelow(s.rank())) {
            state.addAndGet(-add);
            return 0;
        }
        enqueue(s);
        return -count(after);
    }

    private boolean anyUnshedBelow(int rank) {
        for (int r = 0; r < rank; r++) {
            long v = ranks.get(r * STRIDE);
            if (queued(v) > debt(v)) {
                return true;
            }
        }
        return false;
    }

    /** Records a debt against the lowest rank below {@code rank} that has an event not yet owed. */
    private boolean claimDebtBelow(int rank) {
        for (int r = 0; r < rank; r++) {
            int i = r * STRIDE;
            for (long v = ranks.get(i); queued(v) > debt(v); v = ranks.get(i)) {
                if (ranks.compareAndSet(i, v, v + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void enqueue(Submission s) {
        ranks.getAndAdd(s.rank() * STRIDE, ONE_QUEUED); // before the queue: the consumer never sees it negative
        queue.offer(s);
    }

    /**
     * Takes the next event; its room stays reserved until {@link #release}. An event its rank owes to a more
     * severe one comes back {@linkplain Submission#wasShed() shed}: the consumer settles it, and processes
     * nothing. Consumer only.
     */
    public Submission poll() {
        Submission s = queue.poll();
        if (s == null) {
            return null;
        }
        int i = s.rank() * STRIDE;
        while (true) {
            long v = ranks.get(i);
            boolean owed = debt(v) > 0;
            if (ranks.compareAndSet(i, v, v - ONE_QUEUED - (owed ? 1 : 0))) {
                return owed ? s.shed() : s;
            }
        }
    }

    /** Gives back the room of {@code events} taken events holding {@code bytes}. */
    public void release(int events, long bytes) {
        if (events > 0) {
            state.addAndGet(-(((long) events << BYTE_BITS) + bytes));
        }
    }

    /** The room an event takes, as {@link #offer} counted it. */
    public long weight(Submission s) {
        return Math.max(0, Math.min(s.bytes(), maxBytes));
    }

    /** Events queued or taken and not yet released, shed ones included. */
    public int size() {
        return count(state.get());
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    private static int count(long state) {
        return (int) (state >>> BYTE_BITS);
    }

    private static long queued(long rankWord) {
        return rankWord >>> 32;
    }

    private static long debt(long rankWord) {
        return rankWord & 0xFFFF_FFFFL;
    }
}
