package dev.tocsin.internal.outbox;

import dev.tocsin.event.DeliveryResult.Status;
import dev.tocsin.internal.config.Settings;
import dev.tocsin.internal.intake.Rank;
import dev.tocsin.internal.spool.DeadLetterFile;
import dev.tocsin.internal.spool.Spool;
import dev.tocsin.internal.spool.SpoolRecord;
import dev.tocsin.internal.text.Throwables;
import dev.tocsin.spi.WireRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the dispatch thread keeps events while they wait: in memory only, or also in the disk spool. A spool
 * that fails (read-only or full disk) degrades to memory with a loud error; delivery goes on. Dispatch thread
 * only.
 */
public final class Persistence {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    /** {@link #store} result: kept in memory only. */
    static final long MEMORY = -1;
    /** {@link #store} result: the spool is full; the event is dropped. */
    public static final long FULL = -2;

    private final Clock clock;
    private final boolean configured;
    private volatile boolean failedOnce;
    private Spool spool;
    /** A spool that failed: no longer written, but its directory stays locked until the client closes. */
    private Spool failed;
    private final DeadLetterFile deadLetters;
    private volatile int spooled;

    private Persistence(Spool spool, DeadLetterFile deadLetters, Clock clock) {
        this.configured = spool != null;
        this.spooled = spool == null ? 0 : spool.size();
        this.spool = spool;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    public static Persistence memory(Clock clock) {
        return new Persistence(null, null, clock);
    }

    /**
     * Opens the spool of the settings, or falls back to memory (with an error in the log) if the directory
     * cannot be used.
     *
     * @throws Spool.SpoolLockedException if another process holds the directory: a configuration error
     */
    public static Persistence open(Settings s) {
        if (s.spoolDir() == null) {
            return memory(s.clock());
        }
        try {
            Spool spool = Spool.open(s.spoolDir(), s.syncPolicy(), s.spoolMaxEvents(), s.spoolMaxBytes());
            return new Persistence(spool, new DeadLetterFile(s.spoolDir()), s.clock());
        } catch (IOException e) {
            LOG.error("tocsin: cannot use the spool directory {} ({}); events are kept IN MEMORY ONLY and a "
                    + "restart will lose what is pending", s.spoolDir(), e.toString());
            return memory(s.clock());
        }
    }

    public List<SpoolRecord> recovered() {
        return spool == null ? List.of() : spool.recovered();
    }

    /**
     * Puts the events an earlier run left in the spool back into their lanes, in their order, with headers their
     * destination makes again ({@link dev.tocsin.spi.Resending#reissue(dev.tocsin.spi.WireRequest)}). Events whose lane no configured
     * destination has any more go to the dead letters.
     */
    public void replayInto(List<Lane> lanes, java.util.function.Supplier<Settlement> settlements) {
        java.util.Map<String, Lane> byKey = new java.util.HashMap<>();
        lanes.forEach(l -> byKey.put(l.key, l));
        int unknown = 0;
        for (SpoolRecord r : recovered()) {
            Lane lane = byKey.get(r.laneKey());
            Settlement settlement = settlements.get();
            try {
                // Headers are made again by the destination: a re-queued dead letter has none.
                WireRequest request = lane == null ? r.request() : lane.restored(r.request());
                Delivery d = new Delivery(request, r.what(), dedupKeyOf(r.what()), rankOf(r.what()),
                        Instant.ofEpochMilli(r.acceptedAtMillis()), Instant.ofEpochMilli(r.deadlineMillis()),
                        settlement, r.seq());
                if (lane == null) {
                    unknown++;
                    settled(d, "(no destination)", r.laneKey(), Status.DEAD_LETTERED,
                            "no configured destination has this event's lane any more");
                    settlement.settle(Status.DEAD_LETTERED, "destination no longer configured");
                } else {
                    lane.offer(d);
                }
            } catch (RuntimeException e) {
                // Settled, so that flush() does not wait for it; it stays on disk for the next start.
                settlement.settle(Status.DROPPED, "could not be replayed: " + Throwables.summary(e));
                LOG.error("tocsin: could not replay {}; it stays in the spool", r.what(), Throwables.loggable(e));
            }
        }
        if (spool != null) {
            spool.forgetRecovered(); // the lanes hold what fits their buffers and load the rest as they drain
        }
        if (unknown > 0) {
            LOG.error("tocsin: {} spooled events belong to destinations no longer configured; they were moved to "
                    + "the dead letters", unknown);
        }
    }

    /**
     * The dedup key in a spooled event's description ({@code "<action> <key>"} or {@code "re-send <action> <key>"}),
     * so that a replayed key keeps its order; {@code null} for a change event, which orders with nothing.
     */
    static String dedupKeyOf(String what) {
        if (what == null || what.equals("change event")) {
            return null;
        }
        String rest = what.startsWith("re-send ") ? what.substring("re-send ".length()) : what;
        int space = rest.indexOf(' ');
        return space < 0 ? null : rest.substring(space + 1);
    }

    /**
     * A replayed event's {@link Rank}, read from its description: acknowledges and resolves clear, change events
     * rank lowest, and a trigger, whose severity the description does not keep, counts as an error.
     */
    static int rankOf(String what) {
        if (what == null || what.equals("change event")) {
            return Rank.CHANGE;
        }
        String rest = what.startsWith("re-send ") ? what.substring("re-send ".length()) : what;
        return rest.startsWith("acknowledge ") || rest.startsWith("resolve ") ? Rank.CLEARS : Rank.ERROR;
    }

    /** Whether a spool was configured and opened; it stays so after the spool fails ({@link #failed}). */
    public boolean durable() {
        return configured;
    }

    /** Whether the spool failed (read-only or full disk): events since are kept in memory only. Any thread. */
    public boolean failed() {
        return failedOnce;
    }

    /** Stores an event bound for a lane: its sequence number, {@link #MEMORY} or {@link #FULL}. */
    public long store(String laneKey, String what, Instant acceptedAt, Instant deadline, WireRequest request) {
        if (spool == null) {
            return MEMORY;
        }
        try {
            long seq = spool.append(laneKey, what, acceptedAt.toEpochMilli(), deadline.toEpochMilli(), request);
            spooled = spool.size();
            return seq < 0 ? FULL : seq;
        } catch (IOException e) {
            degrade(e);
            return MEMORY;
        }
    }

    /**
     * Reads a spooled event's request back, for a lane that kept it on disk only. It is still read from a spool
     * that failed since: what was written before the failure is there.
     *
     * @throws IOException if it cannot be read (the caller dead-letters it)
     */
    public WireRequest load(long seq) throws IOException {
        Spool from = spool != null ? spool : failed;
        if (from == null) {
            throw new IOException("the spool is closed");
        }
        return from.read(seq).request();
    }

    /** An event was settled: it leaves the spool, and a refused or dead-lettered one goes to the dead letters. */
    public void settled(Delivery d, String lane, String laneKey, Status status, String reason) {
        if (d.seq() < 0 || spool == null) {
            return;
        }
        try {
            if (status == Status.REJECTED || status == Status.DEAD_LETTERED) {
                deadLetters.write(clock.instant(), lane, laneKey, d.what(), d.request(), reason);
            }
            spool.ack(d.seq());
            spooled = spool.size();
        } catch (IOException e) {
            degrade(e);
        }
    }

    /** Ends a batch: syncs as the policy says. */
    public void commit() {
        if (spool != null) {
            try {
                spool.commit();
            } catch (IOException e) {
                degrade(e);
            }
        }
    }

    /** Undelivered events in the spool; readable from any thread. */
    public int size() {
        return spooled;
    }

    public void close() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
        if (failed != null) {
            failed.release();
            failed = null;
        }
    }

    private void degrade(IOException e) {
        LOG.error("tocsin: the spool failed ({}); events are kept IN MEMORY ONLY from now on, and a restart will "
                + "lose what is pending. Events written before stay on disk for the next start.", e.toString());
        spool.closeFiles();
        failed = spool;
        spool = null;
        spooled = 0;
        failedOnce = true;
    }
}
