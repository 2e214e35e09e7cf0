/** The counters behind {@code stats()} and listeners, and log lines that cannot flood. */
package dev.tocsin.internal.report;
