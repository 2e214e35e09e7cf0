/** One lane per destination: its queue, the events waiting past its buffer, and what each answer means. */
package dev.tocsin.internal.outbox;
