/**
 * The Prometheus Alertmanager (API v2) destination: every peer of an HA cluster.
 *
 * <p>{@link dev.tocsin.alertmanager.AlertmanagerDestination} is the public face; each peer is a lane of its own
 * ({@code AlertmanagerPeer}), which makes every request again at its send time and, for a resolve, asks the peer
 * which alerts it ends ({@code ActiveAlerts}). {@code AlertLabels} makes an alert's label set, its identity;
 * {@code AlertmanagerPayloads} the postable alerts.
 */
package dev.tocsin.alertmanager;
