/** The PagerDuty Events API v2 destination. */
package dev.tocsin.pagerduty;
