package dev.tocsin.event;

/**
 * An image shown on the incident.
 *
 * <p>Never throws: an image whose {@code src} is {@code null} or not a valid absolute HTTPS URL is left out when
 * the event is sent, and an {@code href} that is not a valid http(s) URL is dropped from it.
 *
 * @param src the image URL (HTTPS)
 * @param href where a click on the image leads; may be {@code null}
 * @param alt alternative text; may be {@code null}
 */
public record Image(String src, String href, String alt) {
}
