/** Extension points: {@link dev.tocsin.spi.Destination} for new receivers, {@link dev.tocsin.spi.TocsinListener} for metrics. */
package dev.tocsin.spi;
