/**
 * The event model: {@link dev.tocsin.event.Alert} (trigger, acknowledge, resolve) and
 * {@link dev.tocsin.event.ChangeEvent}, with their {@link dev.tocsin.event.Severity}, {@link dev.tocsin.event.Link}s
 * and {@link dev.tocsin.event.Image}s; {@link dev.tocsin.event.DedupKeys} for stable keys; and what became of an
 * event: {@link dev.tocsin.event.DeliveryResult}, {@link dev.tocsin.event.DeadLetter}. Immutable values.
 */
package dev.tocsin.event;
