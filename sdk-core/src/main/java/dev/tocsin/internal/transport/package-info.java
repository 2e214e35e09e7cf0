/** The HTTP client of the lanes, and the checks of endpoint URLs. */
package dev.tocsin.internal.transport;
