/**
 * Spring Boot auto-configuration for Tocsin: properties under {@code tocsin.*}, customizers, health alerting. This
 * package is shared by the starter of each Spring Boot line ({@code tocsin-spring-boot-starter} for 4.x,
 * {@code tocsin-spring-boot3-starter} for 3.5.x), whose jars add only the adapters to that line's health API
 * ({@code TocsinHealthAutoConfiguration}, a {@code HealthReader}) and say which line they are for.
 *
 * <p>How a start goes, in order:
 * <ul>
 *   <li>{@link dev.tocsin.spring.EarlyPaging} (a listener, before the context): when Tocsin is on
 *       ({@code Activation}), checks that Spring Boot is of the starter's line ({@code SpringBootRange}; else startup fails, reported
 *       by {@code UnsupportedLibraryFailureAnalyzer}) and starts an {@code EarlyState}: the one owner of what pages
 *       before the context, from its start to its hand-over and close. It makes a client, attaches the paging
 *       appender ({@code LogbackBinding}) and installs the uncaught-exception handler ({@code UncaughtBinding}),
 *       both reaching the client through a {@code HandOverRelay}. {@code EarlyPaging} only passes Spring Boot's
 *       events on to it, and makes it a bean of the context once the context is prepared.</li>
 *   <li>{@link dev.tocsin.spring.TocsinAutoConfiguration}: {@code StartupReport} warns about unknown properties and
 *       says when Tocsin is off; when on, {@code PropertyChecks} checks the values ({@code TocsinPropertyException},
 *       reported by {@code TocsinFailureAnalyzer}); {@code TocsinFactory} builds the client, with the named destinations
 *       ({@code NamedDestinations}) and the rules, severity policy, maintenance schedules and flood threshold
 *       ({@code RuleProperties}) of the properties, a slip in them named by its property ({@code RuleAdvice} says
 *       what to do). Its beans only ask the {@code EarlyState}: for the context's
 *       client ({@code clientFor}: the early client hands over to it), and for the appender and handler
 *       ({@code logbackFor}, {@code uncaughtFor}: the first question moves both over to the context's client,
 *       which owns them from then on); without an {@code EarlyState}, they make their own. {@code StartupReport}
 *       says where pages go.</li>
 *   <li>When the context has started, the {@code EarlyState} removes what was not taken over and closes the early
 *       client; when startup fails, it pages for the failure.</li>
 *   <li>On shutdown the context closes its client ({@code TocsinLifecycle}), after the web server and before
 *       logging; the context's client has no JVM shutdown hook of its own.</li>
 * </ul>
 */
package dev.tocsin.spring;
