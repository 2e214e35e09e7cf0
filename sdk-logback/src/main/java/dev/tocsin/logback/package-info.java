/**
 * The Logback appender for Tocsin. Public: {@link dev.tocsin.logback.TocsinAppender} and
 * {@link dev.tocsin.logback.TocsinMarkers}. The rest is package-private, by concern:
 *
 * <ul>
 *   <li>{@code AppenderClient}: which client the appender sends to and when it is built and closed (deferred
 *       while SLF4J initialises);
 *   <li>{@code RoutingKeyLookup}: {@code <routingKey>} or the environment variable {@code TOCSIN_ROUTING_KEY};
 *       {@code StatusScrub}: the key out of Logback's status messages;
 *   <li>{@code LogRecord}: what the logging thread captures, turned into an alert on the client's thread, with
 *       {@code WrapperMessages} deciding when a message only wraps its exception, {@code FingerprintCache} and
 *       {@code AppenderSettings};
 *   <li>{@code AutoResolver}: resolves log-born incidents after a quiet period;
 *   <li>{@code ConfiguredRules}: the {@code <rule>}, {@code <maintenance>} and flood elements, checked at start, with
 *       {@code IgnoredElements} finding the elements Logback's configurator ignored in them.
 * </ul>
 */
package dev.tocsin.logback;
