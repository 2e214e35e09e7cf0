/** The Tocsin client API: build a {@link dev.tocsin.Tocsin} client, send {@link dev.tocsin.Alert}s and {@link dev.tocsin.ChangeEvent}s, derive keys with {@link dev.tocsin.DedupKeys}. */
package dev.tocsin;
