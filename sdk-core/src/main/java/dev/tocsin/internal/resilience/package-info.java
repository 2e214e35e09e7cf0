/** What spaces a lane's sends: the rate limit, the circuit breaker, backoff and {@code Retry-After}. */
package dev.tocsin.internal.resilience;
