/**
 * Spring Boot 4 auto-configuration for Tocsin: properties under {@code tocsin.*}, customizers, health alerting.
 *
 * <p>How a start goes, in order:
 * <ul>
 *   <li>{@link dev.tocsin.spring.EarlyPaging} (a listener, before the context): when Tocsin is on
 *       ({@code Activation}), checks that Spring Boot is 4.x ({@code SpringBootRange}; else startup fails, reported
 *       by {@code UnsupportedLibraryFailureAnalyzer}), makes a client, attaches the paging appender and installs the uncaught-exception
 *       handler, all reaching the client through a {@code HandOverRelay} ({@code EarlyState}).</li>
 *   <li>{@link dev.tocsin.spring.TocsinAutoConfiguration}: {@code StartupReport} warns about unknown properties and
 *       says when Tocsin is off; when on, {@code PropertyChecks} checks the values ({@code TocsinPropertyException},
 *       reported by {@code TocsinFailureAnalyzer}), the context's client takes over from the early one, and
 *       {@code StartupReport} says where pages go.</li>
 *   <li>When the context has started, the early set-up is retired; when startup fails, it pages for the failure.</li>
 *   <li>On shutdown the context closes its client ({@code TocsinLifecycle}), after the web server and before
 *       logging; the context's client has no JVM shutdown hook of its own.</li>
 * </ul>
 */
package dev.tocsin.spring;
