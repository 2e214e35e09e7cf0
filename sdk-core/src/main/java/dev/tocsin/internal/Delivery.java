package dev.tocsin.internal;

import dev.tocsin.spi.WireRequest;
import java.time.Instant;

/**
 * One event bound for one lane: the request to send, its description for logs, the dedup key whose order it
 * keeps ({@code null}: it orders with nothing, like a change event), its {@link Rank}, its deadline, and its spool
 * sequence number ({@code < 0} when it is kept in memory only).
 */
record Delivery(WireRequest request, String what, String dedupKey, int rank, Instant acceptedAt, Instant deadline,
        Settlement settlement, long seq) {
}
