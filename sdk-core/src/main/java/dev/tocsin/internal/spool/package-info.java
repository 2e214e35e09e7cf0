/** The crash-safe disk spool, the dead-letter file, and the choice of spool or memory. */
package dev.tocsin.internal.spool;
