package dev.tocsin;

import java.util.Objects;

/**
 * A link shown on the incident, such as a runbook or a dashboard.
 *
 * @param href the target URL; required
 * @param text the text shown for it; may be {@code null}
 */
public record Link(String href, String text) {
    public Link {
        Objects.requireNonNull(href, "href");
    }
}
