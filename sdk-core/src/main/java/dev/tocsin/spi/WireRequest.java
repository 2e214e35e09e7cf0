package dev.tocsin.spi;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP POST a destination wants sent: where, what body, which extra headers.
 *
 * @param uri the endpoint
 * @param body the request body; the client sends it as {@code application/json}
 * @param headers extra request headers; their values may hold secrets and are never logged
 */
public record WireRequest(URI uri, byte[] body, Map<String, String> headers) {
    public WireRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
