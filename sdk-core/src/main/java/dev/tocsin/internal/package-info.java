/**
 * The engine behind {@link dev.tocsin.Tocsin}. Implementation, not API: anything here may change in any release.
 *
 * <p>Its packages follow the data flow (the README's "How it works"). The pipeline drives the stages and no stage
 * reaches back into it; the outbox uses the intake's {@code Rank} (how urgent an event is) and the stages after it;
 * intake, resilience and transport use no other stage. {@code ArchitectureTest} checks this, and that no package
 * cycle exists, on the compiled classes.
 * <pre>
 * caller thread    {@link dev.tocsin.internal.Engine}          check, capture, one bounded offer
 *      │
 * intake           {@link dev.tocsin.internal.intake}          Intake (the bounded queue), Submission, Rank,
 *      │                                      Outstanding (what flush and persist wait for)
 *      │  one daemon thread, tocsin-dispatch
 * pipeline         {@link dev.tocsin.internal.pipeline}        Dispatcher (the loop) in a DispatchThread; Admission
 *      │                                      (each submission), Normalizer, StormCoalescer, Router (into every lane)
 * outbox           {@link dev.tocsin.internal.outbox}          one Lane per destination (Lanes wires them): LaneBuffer
 *      │                                      (LaneQueue, Overflow), Delivery, Verdict (the retry table), Settlement, Refresher,
 *      │                                      Persistence (the spool, or memory)
 * resilience       {@link dev.tocsin.internal.resilience}      RateLimit, circuit breaker (Resilience), Backoff,
 *      │                                      RetryAfter
 * transport        {@link dev.tocsin.internal.transport}       HttpTransport, CappedBody, NetworkFailures, UserAgent
 * </pre>
 * Beside the flow: {@link dev.tocsin.internal.spool} keeps events on disk (Spool, SpoolRecord, SpoolReader,
 * DeadLetterFile); {@link dev.tocsin.internal.text} bounds and scrubs what is sent (Text, Details, Scrubber,
 * SecretScan, Secrets, StackTraceText, Throwables, Digests) and holds the one ObjectMapper (Json);
 * {@link dev.tocsin.internal.report} counts and tells listeners (Counters, RateLimitedLog); and
 * {@link dev.tocsin.internal.config} holds the checked {@code Settings} and the spool's {@code Sync} policy.
 */
package dev.tocsin.internal;
