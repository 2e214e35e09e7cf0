/**
 * What integrations and extensions build on.
 *
 * <ul>
 *   <li>New receivers: {@link dev.tocsin.spi.Destination} (name, lane key, encode, describe a refusal), with an
 *       optional {@link dev.tocsin.spi.Resending} policy and the {@link dev.tocsin.spi.WireRequest} it makes;
 *       {@link dev.tocsin.spi.Peers} for a cluster whose every peer gets a lane.</li>
 *   <li>Hot paths: {@link dev.tocsin.spi.PendingAlert}, an alert built later on the client's thread.</li>
 *   <li>Metrics and health: {@link dev.tocsin.spi.TocsinListener} and {@link dev.tocsin.spi.TocsinStats}.</li>
 *   <li>Helpers that behave as the client does: {@link dev.tocsin.spi.Scrubbing}, {@link dev.tocsin.spi.Failures},
 *       {@link dev.tocsin.spi.Endpoints}, {@link dev.tocsin.spi.DaemonThreads}.</li>
 * </ul>
 */
package dev.tocsin.spi;
