package dev.tocsin.internal;

import dev.tocsin.spi.WireRequest;
import java.time.Instant;

/**
 * One event bound for one lane: the request to send, its description for logs, its deadline, and its spool
 * sequence number ({@code < 0} when it is kept in memory only).
 */
record Delivery(WireRequest request, String what, Instant acceptedAt, Instant deadline, Settlement settlement,
        long seq) {
}
