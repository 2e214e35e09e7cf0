package dev.tocsin.internal.outbox;

import dev.tocsin.internal.intake.Rank;
import dev.tocsin.spi.WireRequest;
import java.time.Instant;

/**
 * One event bound for one lane: the request to send, its description for logs, the dedup key whose order it
 * keeps ({@code null}: it orders with nothing, like a change event), its {@link Rank}, its deadline, and its spool
 * sequence number ({@code < 0} when it is kept in memory only). Past a lane's buffer, a spooled delivery is held
 * without its request ({@link #withoutRequest}), which is read back from the spool when the lane has room.
 */
public record Delivery(WireRequest request, String what, String dedupKey, int rank, Instant acceptedAt, Instant deadline,
        Settlement settlement, long seq) {

    /** Whether its request is held in memory; else it is on disk, in the spool, under {@link #seq}. */
    boolean loaded() {
        return request != null;
    }

    /** The same delivery without its request, which stays in the spool: what a lane keeps past its buffer. */
    Delivery withoutRequest() {
        return new Delivery(null, what, dedupKey, rank, acceptedAt, deadline, settlement, seq);
    }

    /** The same delivery with its request read back from the spool. */
    Delivery with(WireRequest loaded) {
        return new Delivery(loaded, what, dedupKey, rank, acceptedAt, deadline, settlement, seq);
    }
}
