/** The checked, immutable settings of one client (defaults: {@code Tocsin.Builder}'s {@code DEFAULT_*}). */
package dev.tocsin.internal.config;
