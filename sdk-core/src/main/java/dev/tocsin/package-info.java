/** The Tocsin client API: build a {@link dev.tocsin.Tocsin} client, send {@link dev.tocsin.event.Alert}s and {@link dev.tocsin.event.ChangeEvent}s, derive keys with {@link dev.tocsin.event.DedupKeys}. */
package dev.tocsin;
