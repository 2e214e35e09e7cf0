package dev.tocsin;

import dev.tocsin.event.DeadLetter;
import dev.tocsin.internal.spool.DeadLetterFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The events a spooled client gave up on — refused for good (4xx) or past their delivery deadline — kept in
 * {@code dead-letters.jsonl} in the spool directory, one JSON object per line, readable by the owner only.
 * Read them here or with any JSON tool, and re-queue them once the cause is fixed.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** The dead letters of a spool directory, oldest first. */
    public static List<DeadLetter> read(Path spoolDirectory) throws IOException {
        return DeadLetterFile.read(spoolDirectory);
    }

    /**
     * Moves every dead letter back into the spool, where the next client started on the directory sends it
     * again with a fresh delivery deadline. The directory must not be in use by a running client.
     *
     * <p>The dead letters keep no request headers, since they may hold credentials (a webhook's authorization
     * header); the next client's destination makes them again when it sends the event, a webhook's signature
     * included ({@link dev.tocsin.spi.Resending#reissue(dev.tocsin.spi.WireRequest)}). Start it with the same
     * destinations.
     *
     * @return how many were re-queued
     * @throws IllegalStateException if a client holds the directory
     */
    public static int requeue(Path spoolDirectory, Duration deadline) throws IOException {
        return requeue(spoolDirectory, deadline, Clock.systemUTC());
    }

    /** As {@link #requeue(Path, Duration)}, with the deadline counted from {@code clock}'s now. */
    public static int requeue(Path spoolDirectory, Duration deadline, Clock clock) throws IOException {
        Objects.requireNonNull(spoolDirectory, "tocsin: requeue needs the spool directory");
        Objects.requireNonNull(clock, "tocsin: requeue needs a clock");
        if (deadline == null || deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("tocsin: requeue's deadline must be a positive duration, was "
                    + deadline);
        }
        return DeadLetterFile.requeue(spoolDirectory, clock.instant(), deadline);
    }
}
