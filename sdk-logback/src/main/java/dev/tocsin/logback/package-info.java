/** The Logback appender for Tocsin (filled in by a later change). */
package dev.tocsin.logback;
