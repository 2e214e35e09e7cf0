package dev.tocsin.internal.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a spool segment, skipping what cannot be trusted: a torn tail (a record cut short by a crash) ends the
 * segment; a corrupt record (bad checksum, bad framing) is skipped by scanning forward to the next record that
 * checks out. Each problem is logged once per segment; none stops the replay.
 */
public final class SpoolReader {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolReader.class);

    private SpoolReader() {
    }

    /** A record that checks out, with where its frame starts in the segment and how long the frame is. */
    public record Found(SpoolRecord record, long offset, int length) {
    }

    public static List<Found> read(Path file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Found> records = new ArrayList<>();
        int skipped = 0;
        int pos = 0;
        while (pos < data.limit()) {
            SpoolRecord r = at(data, pos);
            if (r != null) {
                int length = SpoolRecord.HEADER + data.getInt(pos + 1);
                records.add(new Found(r, pos, length));
                pos += length;
                continue;
            }
            if (data.limit() - pos < SpoolRecord.HEADER || tornTail(data, pos)) {
                LOG.warn("tocsin: spool segment {} ends in a torn record ({} bytes); ignoring it", file.getFileName(),
                        data.limit() - pos);
                break;
            }
            skipped++;
            pos = nextCandidate(data, pos + 1);
        }
        if (skipped > 0) {
            LOG.warn("tocsin: skipped {} corrupt record(s) in spool segment {}", skipped, file.getFileName());
        }
        return records;
    }

    /** The record at {@code pos} if it is whole and checks out, else {@code null}. */
    private static SpoolRecord at(ByteBuffer data, int pos) {
        if (data.limit() - pos < SpoolRecord.HEADER || data.get(pos) != SpoolRecord.MAGIC) {
            return null;
        }
        int length = data.getInt(pos + 1);
        if (length <= 0 || length > SpoolRecord.MAX_PAYLOAD || length > data.limit() - pos - SpoolRecord.HEADER) {
            return null;
        }
        byte[] payload = new byte[length];
        data.get(pos + SpoolRecord.HEADER, payload);
        if (!SpoolRecord.checksumMatches(payload, data.getInt(pos + 5))) {
            return null;
        }
        try {
            return SpoolRecord.decode(payload);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A well-framed record start whose length runs past the end: the write a crash cut short. */
    private static boolean tornTail(ByteBuffer data, int pos) {
        if (data.get(pos) != SpoolRecord.MAGIC || data.limit() - pos < SpoolRecord.HEADER) {
            return false;
        }
        int length = data.getInt(pos + 1);
        return length > 0 && length <= SpoolRecord.MAX_PAYLOAD && length > data.limit() - pos - SpoolRecord.HEADER
                && nextCandidate(data, pos + 1) >= data.limit();
    }

    private static int nextCandidate(ByteBuffer data, int from) {
        for (int i = from; i < data.limit(); i++) {
            if (data.get(i) == SpoolRecord.MAGIC && at(data, i) != null) {
                return i;
            }
        }
        return data.limit();
    }
}
