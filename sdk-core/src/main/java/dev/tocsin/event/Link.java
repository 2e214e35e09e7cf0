package dev.tocsin.event;

/**
 * A link shown on the incident, such as a runbook or a dashboard.
 *
 * <p>Never throws: a link whose {@code href} is {@code null} or not a valid absolute http(s) URL (at most 2048
 * characters) is left out when the event is sent. Text is scrubbed of secrets and cut to 1024 characters.
 *
 * @param href the target URL
 * @param text the text shown for it; may be {@code null}
 */
public record Link(String href, String text) {
}
