/**
 * The engine behind {@link dev.tocsin.Tocsin}. Implementation, not API: anything here may change in any release.
 *
 * <p>Its packages follow the data flow of DESIGN.md, each depending only on those after it:
 * <pre>
 * caller thread    {@link dev.tocsin.internal.Engine}          check, capture, one bounded offer
 *      │
 * intake           {@link dev.tocsin.internal.intake}          Intake (the bounded queue), Submission, Rank,
 *      │                                      Outstanding (what flush and persist wait for)
 *      │  one daemon thread, tocsin-dispatch
 * pipeline         {@link dev.tocsin.internal.pipeline}        Dispatcher (the loop) in a DispatchThread; Normalizer,
 *      │                                      StormCoalescer, then Router into every lane
 * outbox           {@link dev.tocsin.internal.outbox}          one Lane per destination: LaneQueue, Overflow,
 *      │                                      Delivery, Verdict (the retry table), Settlement, Refresher
 * resilience       {@link dev.tocsin.internal.resilience}      RateLimit, circuit breaker (Resilience), Backoff,
 *      │                                      RetryAfter
 * transport        {@link dev.tocsin.internal.transport}       HttpTransport, CappedBody, NetworkFailures, UserAgent,
 *                                             Endpoints (URL checks)
 * </pre>
 * Beside the flow: {@link dev.tocsin.internal.spool} keeps events on disk (Spool, SpoolRecord, SpoolReader,
 * DeadLetterFile, Persistence: spool or memory); {@link dev.tocsin.internal.text} bounds and scrubs what is sent
 * (Text, Details, Scrubber, SecretScan, Secrets, StackTraceText, Throwables, Digests);
 * {@link dev.tocsin.internal.report} counts and tells listeners (Counters, RateLimitedLog); and
 * {@link dev.tocsin.internal.config} holds the checked {@code Settings}.
 */
package dev.tocsin.internal;
