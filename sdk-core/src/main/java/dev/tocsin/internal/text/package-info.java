/** Bounded, scrubbed text: details, stack traces, secrets found and masked, digests for keys. */
package dev.tocsin.internal.text;
