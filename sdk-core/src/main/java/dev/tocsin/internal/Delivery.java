package dev.tocsin.internal;

import dev.tocsin.spi.WireRequest;
import java.time.Instant;

/** One event bound for one lane: the request to send, its description for logs, its deadline. */
record Delivery(WireRequest request, String what, Instant acceptedAt, Instant deadline, Settlement settlement) {
}
