package dev.tocsin.internal.outbox;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What one lane holds: its buffer in memory ({@link LaneQueue}, at most {@code capacity} deliveries) and, past it
 * while the spool is on, the {@link Overflow} of deliveries that wait on disk, oldest first. Keeps each key's order
 * across the two: while a key has anything in the overflow, its later deliveries go there too. Dispatch thread
 * only, but for {@link #depth()}.
 */
final class LaneBuffer {
    final LaneQueue queue = new LaneQueue();
    private final Overflow overflow = new Overflow();
    private final int capacity;
    private volatile int depth;

    LaneBuffer(int capacity) {
        this.capacity = capacity;
    }

    boolean full() {
        return queue.size() >= capacity;
    }

    /** Whether a new delivery of {@code rank} fits, by shedding a less severe one if the buffer is full. */
    boolean hasRoomFor(int rank) {
        return !full() || queue.canShedBelow(rank);
    }

    /**
     * Queues a delivery. A spooled one that finds the buffer full (or its key waiting in the overflow) goes to the
     * overflow, unless it can take the place of a less severe one, which goes there instead. An unspooled one that
     * finds the buffer full first sheds the newest of its least severe deliveries below its rank, if any.
     *
     * @return the delivery shed to make room, or {@code null}
     */
    Delivery offer(Delivery d) {
        Delivery victim = null;
        if (overflow.holds(d.dedupKey()) || full() && d.seq() >= 0 && !moveAsideFor(d)) {
            overflow.add(d);
        } else {
            if (full()) {
                victim = queue.shedBelow(d.rank());
            }
            queue.add(d);
        }
        recount();
        return victim;
    }

    /** Moves the newest least severe spooled delivery that may leave memory to the overflow, if there is one. */
    private boolean moveAsideFor(Delivery d) {
        // Never one of the newcomer's own key: the newcomer would overtake it.
        Delivery moved = queue.takeLastOfKeyBelow(d.rank(), v -> v.seq() >= 0 && !overflow.holds(v.dedupKey())
                && (d.dedupKey() == null || !d.dedupKey().equals(v.dedupKey())));
        if (moved == null) {
            return false;
        }
        overflow.add(moved);
        return true;
    }

    /**
     * Loads overflowed deliveries back, oldest first, while the buffer has room; hands those past their deadline
     * (even when it has no room) to {@code expired}, so that neither they nor unreadable ones stall the lane.
     *
     * @param load reads a delivery back from the spool, or dead-letters it and returns {@code null}
     */
    void refill(Instant now, UnaryOperator<Delivery> load, Consumer<Delivery> expired) {
        if (overflow.isEmpty()) {
            return;
        }
        for (Delivery d; (d = overflow.peek()) != null; ) {
            boolean late = !now.isBefore(d.deadline());
            if (full() && !late) {
                break;
            }
            overflow.poll();
            Delivery loaded = d.loaded() ? d : load.apply(d);
            if (loaded == null) {
                continue;
            }
            if (late) {
                expired.accept(loaded);
            } else {
                queue.add(loaded);
            }
        }
        recount();
    }

    /** The oldest delivery of the buffer, else of the overflow, taken out; {@code null} when both are empty. */
    Delivery pollAny() {
        Delivery d = queue.pollOldest();
        return d != null ? d : overflow.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty() && overflow.isEmpty();
    }

    boolean overflowEmpty() {
        return overflow.isEmpty();
    }

    int size() {
        return queue.size() + overflow.size();
    }

    /** Updates {@link #depth()} after the queue changed. */
    void recount() {
        depth = size();
    }

    /** How many deliveries the lane holds, for the gauges: any thread. */
    int depth() {
        return depth;
    }
}
