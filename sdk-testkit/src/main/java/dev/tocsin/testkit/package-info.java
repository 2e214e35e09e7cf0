/**
 * A strict local fake of PagerDuty's Events API v2, of Alertmanager's API v2 alerts endpoint and of a heartbeat
 * service, for tests and for trying Tocsin (or any client) without an account or a network.
 *
 * <ul>
 *   <li>{@link dev.tocsin.testkit.IncidentInbox}: the fake, on 127.0.0.1; its {@link dev.tocsin.testkit.Incident}s,
 *       {@link dev.tocsin.testkit.Change}s, {@link dev.tocsin.testkit.AlertmanagerAlert}s and
 *       {@link dev.tocsin.testkit.ReceivedRequest}s; faults by {@link dev.tocsin.testkit.Answer} per
 *       {@link dev.tocsin.testkit.Endpoint}; run standalone, the incident inbox web page.</li>
 *   <li>{@link dev.tocsin.testkit.InboxExtension}: one inbox per JUnit 5 test, failing the test on any request the
 *       real service would refuse.</li>
 *   <li>{@link dev.tocsin.testkit.InboxAssertions}: fluent assertions that wait for the inbox to reach what they
 *       state.</li>
 * </ul>
 */
package dev.tocsin.testkit;
