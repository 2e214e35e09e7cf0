/** The HTTP client of the lanes, with bounded bodies, and failures told in words. */
package dev.tocsin.internal.transport;
