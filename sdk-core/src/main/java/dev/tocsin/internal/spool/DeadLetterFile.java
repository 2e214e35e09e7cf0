package dev.tocsin.internal.spool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.event.DeadLetter;
import dev.tocsin.internal.config.Sync;
import dev.tocsin.internal.text.Json;
import dev.tocsin.spi.WireRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dead letters of a spool directory: one JSON object per line in {@code dead-letters.jsonl}, owner-only,
 * with what the request was, where it went and why it was given up. {@link dev.tocsin.DeadLetters} reads and
 * re-queues them. The body may hold the routing key, which is why the file is the owner's alone. Request headers
 * are never written (a webhook's authorization header, its signature): a re-queued event gets them from its
 * destination when it is sent again ({@link dev.tocsin.spi.Resending#reissue(dev.tocsin.spi.WireRequest)}).
 */
public final class DeadLetterFile {
    public static final String NAME = "dead-letters.jsonl";
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path file;

    public DeadLetterFile(Path dir) {
        this.file = dir.resolve(NAME);
    }

    /** Every dead letter of a spool directory, oldest first; none if there is no file. */
    public static List<DeadLetter> read(Path dir) throws IOException {
        return lines(dir).stream().map(n -> new DeadLetter(Instant.parse(n.path("time").asText()),
                n.path("lane").asText(), n.path("event").asText(), n.path("reason").asText(),
                URI.create(n.path("uri").asText()), n.path("body").asText())).toList();
    }

    /** The file's lines as JSON, oldest first; none if there is no file. */
    private static List<JsonNode> lines(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!text.isBlank()) {
                lines.add(JSON.readTree(text));
            }
        }
        return lines;
    }

    /**
     * Puts every dead letter back into the spool, to be sent by the next client that opens the directory, and
     * empties the file. The directory must not be in use.
     *
     * @return how many were re-queued
     */
    public static int requeue(Path dir, Instant now, Duration deadline) throws IOException {
        List<JsonNode> lines = lines(dir);
        if (lines.isEmpty()) {
            return 0;
        }
        // Every line is read before the spool is written: a bad line fails the whole re-queue, not half of it.
        List<SpoolRecord> records = new ArrayList<>();
        for (JsonNode l : lines) {
            records.add(new SpoolRecord(SpoolRecord.EVENT, 0, l.path("lane_key").asText(),
                    l.path("event").asText() + " (re-queued)", now.toEpochMilli(), now.plus(deadline).toEpochMilli(),
                    new WireRequest(URI.create(l.path("uri").asText()),
                            l.path("body").asText().getBytes(StandardCharsets.UTF_8), Map.of())));
        }
        try (Spool spool = Spool.open(dir, Sync.EVERY_EVENT, Integer.MAX_VALUE, Long.MAX_VALUE >> 24)) {
            for (SpoolRecord r : records) {
                spool.append(r.laneKey(), r.what(), r.acceptedAtMillis(), r.deadlineMillis(), r.request());
            }
            spool.commit();
        }
        Files.delete(dir.resolve(NAME));
        return lines.size();
    }

    /**
     * Appends one dead letter.
     *
     * @param what the event, such as {@code trigger ConnectException-7c6e53da5f4c503e}
     * @param request the request as it was queued, or {@code null} if it could not be read back from the spool
     */
    public void write(Instant at, String lane, String laneKey, String what, WireRequest request, String reason)
            throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", at.toString());
        line.put("lane", lane);
        line.put("lane_key", laneKey);
        line.put("event", what);
        line.put("reason", reason);
        if (request != null) { // null: it could not be read back from the spool (the reason says why)
            line.put("uri", request.uri().toString());
            line.put("body", new String(request.body(), StandardCharsets.UTF_8));
        }
        boolean created = !Files.exists(file);
        Files.write(file, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (created) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        }
    }
}
