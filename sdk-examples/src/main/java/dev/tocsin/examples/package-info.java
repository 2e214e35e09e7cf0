/** Runnable examples; they need no account and no network. */
package dev.tocsin.examples;
