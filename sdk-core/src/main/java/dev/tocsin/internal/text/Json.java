package dev.tocsin.internal.text;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one {@link ObjectMapper} of the client, with Jackson's defaults, for every body it writes or reads (the
 * destinations' payloads, their answers, the dead-letter file). Thread-safe once built, as Jackson's mappers are;
 * nothing may reconfigure it.
 */
public final class Json {
    /** The shared mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
