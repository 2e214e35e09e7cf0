/** The dispatch loop and what it does to each event: normalise, coalesce storms, route into lanes. */
package dev.tocsin.internal.pipeline;
