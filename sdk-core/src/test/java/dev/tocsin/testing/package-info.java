/**
 * Test fixtures for hostile-input property tests, shared with the other modules through the test-jar.
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
