/**
 * Test fixtures shared with the other modules through the test-jar.
 *
 * <p>For any test of the client or of an integration; these use Tocsin's public API only:
 *
 * <ul>
 *   <li>{@link dev.tocsin.testing.InboxFixture}: the one fake of PagerDuty's Events API v2, held as a
 *       {@code @RegisterExtension} field; scripted {@link dev.tocsin.testkit.Answer}s, and the
 *       {@link dev.tocsin.testkit.ReceivedRequest}s, parsed.</li>
 *   <li>{@link dev.tocsin.testing.RecordingTocsin}: a client that records every call and sends nothing.</li>
 *   <li>{@link dev.tocsin.testing.MutableClock}: a clock the test sets and moves.</li>
 *   <li>{@link dev.tocsin.testing.PackageGraph}: the package dependencies of compiled classes, read with
 *       {@code jdeps}, for architecture tests.</li>
 *   <li>{@link dev.tocsin.testing.Commands}: a tmpfs that fills up, a directory made immutable, where file
 *       permissions do not bind (root, as CI runs).</li>
 * </ul>
 *
 * <p>For hostile-input property tests:
 *
 * <ul>
 *   <li>{@link dev.tocsin.testing.Hostile}: the generator callers use; strings, keys, timestamps, URLs, alerts,
 *       change events, with a printable trail of what it chose.</li>
 *   <li>{@link dev.tocsin.testing.HostileDetails} and {@link dev.tocsin.testing.HostileThrowables}: detail graphs
 *       and exceptions that recurse, loop or throw.</li>
 *   <li>{@link dev.tocsin.testing.Seeds}: batches of case seeds; {@code -Dtocsin.seed} and {@code -Dtocsin.case}
 *       reproduce a run or one case.</li>
 *   <li>{@link dev.tocsin.testing.WireChecks}: what every request must be beyond PagerDuty's schema.</li>
 * </ul>
 */
package dev.tocsin.testing;
