/** The crash-safe disk spool and the dead-letter file. */
package dev.tocsin.internal.spool;
