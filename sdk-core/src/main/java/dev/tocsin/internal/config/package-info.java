/** The checked, immutable settings of one client, and their defaults ({@link dev.tocsin.Defaults}). */
package dev.tocsin.internal.config;
