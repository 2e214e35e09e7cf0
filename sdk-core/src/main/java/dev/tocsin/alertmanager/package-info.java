/** The Prometheus Alertmanager (API v2) destination: every peer of an HA cluster. */
package dev.tocsin.alertmanager;
