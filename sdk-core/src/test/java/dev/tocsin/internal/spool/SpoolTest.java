package dev.tocsin.internal.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.internal.config.Sync;
import dev.tocsin.spi.WireRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    private static WireRequest request(String body) {
        return new WireRequest(URI.create("http://127.0.0.1:9/v2/enqueue"), body.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private Spool open() throws Exception {
        return Spool.open(dir, Sync.EVERY_EVENT, 1_000, 1L << 20);
    }

    private static List<String> bodies(List<SpoolRecord> records) {
        return records.stream().map(r -> new String(r.request().body(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void unsettledEventsComeBackInOrderAfterAReopen() throws Exception {
        try (Spool spool = open()) {
            for (int i = 0; i < 5; i++) {
                spool.append("lane", "trigger k" + i, 1, 2, request("e" + i));
            }
            spool.ack(1);
            spool.ack(3);
        }
        try (Spool spool = open()) {
            assertThat(bodies(spool.recovered())).containsExactly("e0", "e2", "e4");
            assertThat(spool.recovered().get(0).laneKey()).isEqualTo("lane");
            assertThat(spool.recovered().get(0).what()).isEqualTo("trigger k0");
            long next = spool.append("lane", "later", 1, 2, request("e5"));
            assertThat(next).isEqualTo(5);
        }
    }

    @Test
    void aTornTailIsSkippedAndTheRestReplays() throws Exception {
        try (Spool spool = open()) {
            spool.append("lane", "a", 1, 2, request("first"));
            spool.append("lane", "b", 1, 2, request("second"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length - 5)); // a write cut short by a crash
        try (Spool spool = open()) {
            assertThat(bodies(spool.recovered())).containsExactly("first");
        }
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedAndTheReplayGoesOn() throws Exception {
        try (Spool spool = open()) {
            spool.append("lane", "a", 1, 2, request("first"));
            spool.append("lane", "b", 1, 2, request("second-event-body"));
            spool.append("lane", "c", 1, 2, request("third"));
        }
        Path segment = segments().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        int second = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("second-event-body");
        bytes[second + 3] ^= 0x5A; // flip bits inside the second record's payload
        Files.write(segment, bytes);
        try (Spool spool = open()) {
            assertThat(bodies(spool.recovered())).containsExactly("first", "third");
        }
    }

    @Test
    void garbageFilesDoNotStopTheReplay() throws Exception {
        Files.write(dir.resolve("spool-0000000000000001.log"), new byte[] {(byte) 0xA7, 0, 0, 0, 9, 1, 2, 3, 4, 5,
            (byte) 0xA7, (byte) 0xA7, 42});
        try (Spool spool = open()) {
            assertThat(spool.recovered()).isEmpty();
            spool.append("lane", "a", 1, 2, request("fine"));
        }
        try (Spool spool = open()) {
            assertThat(bodies(spool.recovered())).containsExactly("fine");
        }
    }

    @Test
    void settledSegmentsAreDeleted() throws Exception {
        String big = "x".repeat(600_000);
        try (Spool spool = Spool.open(dir, Sync.NONE, 1_000, 1L << 30)) {
            for (int i = 0; i < 20; i++) {
                spool.append("lane", "e" + i, 1, 2, request(big));
            }
            assertThat(segments().size()).isGreaterThan(2);
            for (int i = 0; i < 20; i++) {
                spool.ack(i);
            }
            spool.append("lane", "last", 1, 2, request("small")); // rolls over, if needed, and cleans up
            assertThat(segments().size()).isLessThanOrEqualTo(2);
        }
        try (Spool spool = open()) {
            assertThat(bodies(spool.recovered())).containsExactly("small");
        }
    }

    @Test
    void aSecondOpenerIsRefusedWithAClearError() throws Exception {
        try (Spool spool = open()) {
            assertThatThrownBy(this::open).isInstanceOf(Spool.SpoolLockedException.class)
                    .hasMessageContaining("in use by another process");
        }
        open().close(); // released on close
    }

    @Test
    void theDirectoryIsOwnerOnlyAndSoAreTheFiles() throws Exception {
        Path spoolDir = dir.resolve("nested/spool");
        try (Spool spool = Spool.open(spoolDir, Sync.EVERY_EVENT, 10, 1L << 20)) {
            spool.append("lane", "a", 1, 2, request("x"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spoolDir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(spoolDir)) {
            files.forEach(f -> {
                try {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.toString()).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void aFullSpoolRefusesTheNewestEvent() throws Exception {
        try (Spool spool = Spool.open(dir, Sync.NONE, 3, 1L << 20)) {
            for (int i = 0; i < 3; i++) {
                assertThat(spool.append("lane", "e", 1, 2, request("e" + i))).isGreaterThanOrEqualTo(0);
            }
            assertThat(spool.append("lane", "e", 1, 2, request("too many"))).isEqualTo(-1);
            spool.ack(0);
            assertThat(spool.append("lane", "e", 1, 2, request("room again"))).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void fileNamesNeverCarryTheRoutingKey() throws Exception {
        try (Spool spool = open()) {
            spool.append("pagerduty:https://events.pagerduty.com/v2/enqueue:1a2b", "trigger k", 1, 2,
                    request("{\"routing_key\":\"SecretRoutingKey0000000000000000\"}"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("Secret"));
        }
        Files.writeString(dir.resolve("unrelated.txt"), "x", StandardOpenOption.CREATE);
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("spool-")).sorted().toList();
        }
    }

    @Test
    void anUnsettledEventIsReadBackBySequenceFromTheActiveSegment() throws Exception {
        try (Spool spool = open()) {
            long first = spool.append("lane", "trigger a", 1, 2, request("a"));
            long second = spool.append("lane", "trigger b", 3, 4, request("b"));
            SpoolRecord b = spool.read(second);
            assertThat(new String(b.request().body(), StandardCharsets.UTF_8)).isEqualTo("b");
            assertThat(b.what()).isEqualTo("trigger b");
            assertThat(b.deadlineMillis()).isEqualTo(4);
            assertThat(new String(spool.read(first).request().body(), StandardCharsets.UTF_8)).isEqualTo("a");

            spool.ack(first);
            assertThatThrownBy(() -> spool.read(first)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("not in the spool");
        }
    }

    @Test
    void eventsAreReadBackAcrossSegmentRollsAndAfterAReopen() throws Exception {
        String big = "x".repeat(900_000);
        long[] seqs = new long[6];
        try (Spool spool = Spool.open(dir, Sync.NONE, 1_000, 64L << 20)) {
            for (int i = 0; i < seqs.length; i++) { // 5.4 MB: the segment rolls at 4 MiB
                seqs[i] = spool.append("lane", "trigger k" + i, 1, 2, request(i + big));
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(p -> p.getFileName().toString().startsWith("spool-")).count())
                        .isGreaterThan(1);
            }
            for (int i = seqs.length - 1; i >= 0; i--) { // back and forth between segments
                assertThat(new String(spool.read(seqs[i]).request().body(), StandardCharsets.UTF_8))
                        .isEqualTo(i + big);
            }
            spool.ack(seqs[0]);
        }
        try (Spool spool = Spool.open(dir, Sync.NONE, 1_000, 64L << 20)) {
            spool.forgetRecovered();
            for (int i = 1; i < seqs.length; i++) {
                assertThat(spool.read(seqs[i]).what()).isEqualTo("trigger k" + i);
            }
            long later = spool.append("lane", "later", 1, 2, request("later"));
            assertThat(spool.read(later).what()).isEqualTo("later");
        }
    }
}
