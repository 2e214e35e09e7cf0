package dev.tocsin.internal.spool;

import dev.tocsin.internal.config.Sync;
import dev.tocsin.spi.WireRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: append-only segment files of {@link SpoolRecord}s in one owner-only directory. An event is
 * appended when the dispatch thread takes it and acknowledged when it is settled; a segment is deleted once it
 * and every older segment hold no unsettled event. On open, unsettled events are returned in file order, which
 * is each lane's order. Torn or corrupt records are skipped with a warning. A lock file keeps a second process
 * out, and a registry of held directories a second client of the same JVM. Dispatch thread only.
 */
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    static final long SEGMENT_BYTES = 4L << 20;
    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".log";

    /** The real paths of the directories that spools of this JVM hold. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path held;
    private final Sync policy;
    private final int maxEvents;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<SpoolRecord> recovered;
    /** Unsettled events: seq → (segment, bytes, offset in the segment). */
    private final Map<Long, long[]> live = new HashMap<>();
    /** Unsettled events per segment, oldest first. */
    private final TreeMap<Long, Integer> liveBySegment = new TreeMap<>();
    private long liveBytes;
    private long nextSeq;
    private long segment;
    private FileChannel active;
    private long activeSize;
    private boolean dirty;
    /** Reads records back by sequence number; separate from the writer, open on one segment at a time. */
    private FileChannel reader;
    private long readerSegment = -1;

    private Spool(Path dir, Path held, Sync policy, int maxEvents, long maxBytes, FileChannel lockChannel,
            FileLock lock) throws IOException {
        this.dir = dir;
        this.held = held;
        this.policy = policy;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = recover();
        openSegment(segment + 1);
    }

    /**
     * Opens (creating it owner-only if needed) and locks a spool directory.
     *
     * @throws SpoolLockedException if another process or client holds the directory
     * @throws IOException if the directory cannot be used (read-only, not a directory, full)
     */
    public static Spool open(Path dir, Sync policy, int maxEvents, long maxBytes) throws IOException {
        createOwnerOnly(dir);
        Path held = dir.toRealPath();
        // Refused here, before the lock file is even opened: on Linux, closing any channel of a locked file drops
        // the whole process's lock (see FileLock), so a refused second client must not open one.
        if (!HELD.add(held)) {
            throw locked(dir);
        }
        try {
            FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            ownerOnly(dir.resolve("lock"));
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close(); // no client of this JVM holds the file (HELD): closing drops nobody's lock
                throw locked(dir);
            }
            try {
                return new Spool(dir, held, policy, maxEvents, maxBytes, channel, lock);
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(held);
            throw e;
        }
    }

    private static SpoolLockedException locked(Path dir) {
        return new SpoolLockedException("tocsin: spool directory " + dir + " is in use by another process or "
                + "client; give each one its own directory");
    }

    /** The unsettled events found at open, in file order. */
    public List<SpoolRecord> recovered() {
        return recovered;
    }

    /**
     * Appends an event.
     *
     * @return its sequence number, or {@code -1} if the spool is full (the caller drops the event)
     */
    public long append(String laneKey, String what, long acceptedAt, long deadline, WireRequest request) throws IOException {
        long seq = nextSeq;
        byte[] bytes = new SpoolRecord(SpoolRecord.EVENT, seq, laneKey, what, acceptedAt, deadline, request).encode();
        if (live.size() >= maxEvents || liveBytes + bytes.length > maxBytes) {
            return -1;
        }
        long offset = write(bytes);
        nextSeq++;
        live.put(seq, new long[] {segment, bytes.length, offset});
        liveBySegment.merge(segment, 1, Integer::sum);
        liveBytes += bytes.length;
        if (policy == Sync.EVERY_EVENT) {
            sync();
        }
        return seq;
    }

    /**
     * Reads an unsettled event back by its sequence number, from any segment, the active one included: the lanes
     * keep only a small entry in memory for events past their buffer and load the request from here.
     *
     * @throws IOException if the event is not in the spool (settled, or never written) or its record is damaged
     */
    public SpoolRecord read(long seq) throws IOException {
        long[] where = live.get(seq);
        if (where == null) {
            throw new IOException("event " + seq + " is not in the spool");
        }
        FileChannel channel = readerOf(where[0]);
        ByteBuffer frame = ByteBuffer.allocate((int) where[1]);
        while (frame.hasRemaining()) {
            if (channel.read(frame, where[2] + frame.position()) < 0) {
                throw new IOException("spool segment " + where[0] + " ends before event " + seq);
            }
        }
        frame.flip();
        int length = frame.getInt(1);
        if (frame.get(0) != SpoolRecord.MAGIC || length != where[1] - SpoolRecord.HEADER) {
            throw new IOException("event " + seq + " has a damaged record header");
        }
        byte[] payload = new byte[length];
        frame.get(SpoolRecord.HEADER, payload);
        if (!SpoolRecord.checksumMatches(payload, frame.getInt(5))) {
            throw new IOException("event " + seq + " fails its checksum");
        }
        SpoolRecord r = SpoolRecord.decode(payload);
        if (r.kind() != SpoolRecord.EVENT || r.seq() != seq) {
            throw new IOException("the record where event " + seq + " should be is another one");
        }
        return r;
    }

    private FileChannel readerOf(long id) throws IOException {
        if (reader == null || readerSegment != id) {
            closeReader();
            reader = FileChannel.open(segmentFile(id), StandardOpenOption.READ);
            readerSegment = id;
        }
        return reader;
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debug("tocsin: closing a spool reader failed", e);
            }
            reader = null;
            readerSegment = -1;
        }
    }

    /** Lets go of the events found at open once they are in their lanes: the lanes load them back as needed. */
    public void forgetRecovered() {
        recovered.clear();
    }

    /** Records that an event was settled (delivered, refused or dead-lettered); it will not be replayed. */
    public void ack(long seq) throws IOException {
        long[] where = live.remove(seq);
        if (where == null) {
            return;
        }
        liveBytes -= where[1];
        liveBySegment.merge(where[0], -1, Integer::sum);
        write(SpoolRecord.ack(seq).encode());
        deleteSettledSegments();
    }

    /** Ends a batch: forces what was written, as the policy says. */
    public void commit() throws IOException {
        if (dirty && policy != Sync.NONE) {
            sync();
        }
    }

    public int size() {
        return live.size();
    }

    @Override
    public void close() {
        closeFiles();
        release();
    }

    /**
     * Stops writing (the spool failed, say) but keeps the directory locked: while this client lives, no other
     * process may take over and replay the events it left there. {@link #release} gives the directory up.
     */
    public void closeFiles() {
        try {
            if (active != null) {
                if (policy != Sync.NONE) {
                    active.force(false);
                }
                active.close();
                active = null;
            }
        } catch (IOException e) {
            LOG.warn("tocsin: closing the spool failed: {}", e.toString());
        }
    }

    /** Gives the directory up to the next client or process. */
    public void release() {
        closeReader();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("tocsin: releasing the spool lock failed", e);
        } finally {
            HELD.remove(held);
        }
    }

    /** Writes a record; returns its offset in the (maybe newly opened) active segment. */
    private long write(byte[] bytes) throws IOException {
        if (activeSize >= SEGMENT_BYTES) {
            sync();
            active.close();
            openSegment(segment + 1);
            deleteSettledSegments();
        }
        long offset = activeSize;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            active.write(buffer);
        }
        activeSize += bytes.length;
        dirty = true;
        return offset;
    }

    private Path segmentFile(long id) {
        return dir.resolve(String.format("%s%016d%s", PREFIX, id, SUFFIX));
    }

    private void sync() throws IOException {
        active.force(false);
        dirty = false;
    }

    private void openSegment(long id) throws IOException {
        segment = id;
        Path file = segmentFile(id);
        active = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        ownerOnly(file);
        activeSize = active.size();
        liveBySegment.putIfAbsent(id, 0);
    }

    /** Deletes the oldest segments while they hold nothing unsettled; never the active one. */
    private void deleteSettledSegments() throws IOException {
        while (!liveBySegment.isEmpty()) {
            Map.Entry<Long, Integer> oldest = liveBySegment.firstEntry();
            if (oldest.getKey() == segment || oldest.getValue() > 0) {
                return;
            }
            liveBySegment.pollFirstEntry();
            if (readerSegment == oldest.getKey()) {
                closeReader();
            }
            Files.deleteIfExists(segmentFile(oldest.getKey()));
        }
    }

    private List<SpoolRecord> recover() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)).sorted().toList();
        }
        Map<Long, SpoolRecord> pending = new LinkedHashMap<>();
        Map<Long, long[]> where = new HashMap<>();
        long maxSeq = -1;
        for (Path file : files) {
            long id = Long.parseLong(file.getFileName().toString().substring(PREFIX.length(),
                    file.getFileName().toString().length() - SUFFIX.length()));
            segment = Math.max(segment, id);
            liveBySegment.putIfAbsent(id, 0);
            for (SpoolReader.Found found : SpoolReader.read(file)) {
                SpoolRecord r = found.record();
                maxSeq = Math.max(maxSeq, r.seq());
                if (r.kind() == SpoolRecord.EVENT) {
                    pending.put(r.seq(), r);
                    where.put(r.seq(), new long[] {id, found.length(), found.offset()});
                } else {
                    pending.remove(r.seq());
                }
            }
        }
        nextSeq = maxSeq + 1;
        List<SpoolRecord> out = new ArrayList<>(pending.values());
        for (SpoolRecord r : out) {
            long[] at = where.get(r.seq());
            live.put(r.seq(), at);
            liveBySegment.merge(at[0], 1, Integer::sum);
            liveBytes += at[1];
        }
        if (!out.isEmpty()) {
            LOG.info("tocsin: the spool in {} holds {} undelivered events from an earlier run; replaying them",
                    dir, out.size());
        }
        return out;
    }

    private static void createOwnerOnly(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(dir + " exists and is not a directory", e);
            }
        }
        ownerOnly(dir);
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }

    /** The directory is held by another process or client. */
    public static final class SpoolLockedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public SpoolLockedException(String message) {
            super(message);
        }
    }
}
