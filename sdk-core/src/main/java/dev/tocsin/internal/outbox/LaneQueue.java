package dev.tocsin.internal.outbox;

import dev.tocsin.internal.intake.Rank;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The deliveries a lane holds, in one FIFO per dedup key. At each send opportunity the lane takes the head of the
 * key with the highest {@link Rank} (ties: the oldest head), so a critical page overtakes a backlog of lesser events
 * while a key's resolve never overtakes its trigger. A key competes with its head's rank or, if higher, that of the
 * most severe trigger it holds: a critical trigger queued behind its own key's warning takes that warning along
 * first rather than waiting behind other keys' errors. The chosen head stays queued while it is in flight, and goes
 * back to competing if its send must be retried.
 *
 * <p>Each rank also keeps its deliveries in arrival order: the oldest overall (whose deadline comes first, near
 * enough) and the newest of the lowest rank (the one to shed) are found in {@code O(log n)}. Dispatch thread only.
 */
final class LaneQueue {
    private static final Comparator<Entry> ARRIVAL = Comparator.comparingLong(e -> e.order);
    private static final Comparator<Fifo> BEST_FIRST = Comparator.<Fifo>comparingInt(f -> -f.top())
            .thenComparingLong(f -> f.head().order);

    private final Map<String, Fifo> byKey = new HashMap<>();
    /** Keys with something queued, best head first. */
    private final TreeSet<Fifo> ready = new TreeSet<>(BEST_FIRST);
    private final List<TreeSet<Entry>> byRank = new ArrayList<>(Rank.COUNT);
    private long arrivals;
    private int size;
    /** The head chosen for the send in flight, or {@code null}. */
    private Entry inFlight;

    LaneQueue() {
        for (int r = 0; r < Rank.COUNT; r++) {
            byRank.add(new TreeSet<>(ARRIVAL));
        }
    }

    /** Queues a delivery behind the others of its dedup key; a {@code null} key orders with nothing. */
    void add(Delivery d) {
        Entry e = new Entry(d, arrivals++);
        Fifo fifo = d.dedupKey() == null ? new Fifo(null) : byKey.computeIfAbsent(d.dedupKey(), Fifo::new);
        if (!fifo.entries.isEmpty()) {
            ready.remove(fifo); // before it changes: what it holds is its sort key
        }
        fifo.entries.addLast(e);
        fifo.counts[d.rank()]++;
        e.fifo = fifo;
        ready.add(fifo);
        byRank.get(d.rank()).add(e);
        size++;
    }

    /** Chooses the best head to send and marks it in flight; {@code null} if empty. */
    Delivery startBest() {
        if (ready.isEmpty()) {
            return null;
        }
        inFlight = ready.first().head();
        return inFlight.delivery;
    }

    /** The delivery chosen by {@link #startBest}, while its send is in flight; else {@code null}. */
    Delivery startedDelivery() {
        return inFlight == null ? null : inFlight.delivery;
    }

    /** The send in flight failed and will be retried: its delivery competes again at the next opportunity. */
    void retryLater() {
        inFlight = null;
    }

    /** The send in flight is settled: removes its delivery, which it returns ({@code null} if none). */
    Delivery finishInFlight() {
        Entry e = inFlight;
        inFlight = null;
        if (e == null) {
            return null;
        }
        remove(e);
        return e.delivery;
    }

    /** The newest delivery queued for a dedup key, or {@code null} if none is. */
    Delivery newestOf(String dedupKey) {
        Fifo fifo = byKey.get(dedupKey);
        return fifo == null || fifo.entries.isEmpty() ? null : fifo.entries.peekLast().delivery;
    }

    /** The delivery that arrived first (its deadline comes first, near enough), or {@code null}. */
    Delivery oldest() {
        Entry e = oldestEntry();
        return e == null ? null : e.delivery;
    }

    /** Removes and returns the delivery that arrived first; not while a send is in flight. */
    Delivery pollOldest() {
        Entry e = oldestEntry();
        if (e == null || e == inFlight) {
            return null;
        }
        remove(e);
        return e.delivery;
    }

    /**
     * Removes and returns the newest delivery of the lowest rank below {@code rank} that is not in flight, to make
     * room for a more severe one; {@code null} if there is none.
     */
    Delivery shedBelow(int rank) {
        for (int r = 0; r < rank; r++) {
            for (Entry e : byRank.get(r).descendingSet()) {
                if (e != inFlight) {
                    remove(e);
                    return e.delivery;
                }
            }
        }
        return null;
    }

    /**
     * Removes and returns the newest delivery of the lowest rank below {@code rank} that may move out of memory: not
     * in flight, the last of its key here (else its key's later deliveries would overtake it), and accepted by
     * {@code movable}; {@code null} if there is none.
     */
    Delivery takeLastOfKeyBelow(int rank, java.util.function.Predicate<Delivery> movable) {
        for (int r = 0; r < rank; r++) {
            for (Entry e : byRank.get(r).descendingSet()) {
                if (e != inFlight && e.fifo.entries.peekLast() == e && movable.test(e.delivery)) {
                    remove(e);
                    return e.delivery;
                }
            }
        }
        return null;
    }

    /** Whether {@link #shedBelow} would find something. */
    boolean canShedBelow(int rank) {
        for (int r = 0; r < rank; r++) {
            TreeSet<Entry> entries = byRank.get(r);
            if (entries.size() > 1 || entries.size() == 1 && entries.first() != inFlight) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private Entry oldestEntry() {
        Entry oldest = null;
        for (TreeSet<Entry> rank : byRank) {
            if (!rank.isEmpty() && (oldest == null || rank.first().order < oldest.order)) {
                oldest = rank.first();
            }
        }
        return oldest;
    }

    private void remove(Entry e) {
        Fifo fifo = e.fifo;
        ready.remove(fifo); // before it changes: its head and what it holds are its sort key
        if (fifo.head() == e) {
            fifo.entries.removeFirst();
        } else {
            fifo.entries.removeLastOccurrence(e);
        }
        fifo.counts[e.delivery.rank()]--;
        if (!fifo.entries.isEmpty()) {
            ready.add(fifo);
        } else if (fifo.key != null) {
            byKey.remove(fifo.key);
        }
        byRank.get(e.delivery.rank()).remove(e);
        size--;
    }

    private static final class Entry {
        final Delivery delivery;
        final long order;
        Fifo fifo;

        Entry(Delivery delivery, long order) {
            this.delivery = delivery;
            this.order = order;
        }
    }

    private static final class Fifo {
        final String key;
        final ArrayDeque<Entry> entries = new ArrayDeque<>(2);
        /** How many entries of each rank it holds. */
        final int[] counts = new int[Rank.COUNT];

        Fifo(String key) {
            this.key = key;
        }

        Entry head() {
            return entries.peekFirst();
        }

        /**
         * The rank it competes with: its head's, or the most severe trigger behind the head if that is higher.
         * Acknowledges and resolves behind the head do not count, or every key with a resolve queued would go
         * before other keys' critical pages.
         */
        int top() {
            int head = head().delivery.rank();
            for (int r = Rank.CLEARS - 1; r > head; r--) {
                if (counts[r] > 0) {
                    return r;
                }
            }
            return head;
        }
    }
}
