package dev.tocsin;

import java.util.Objects;

/**
 * An image shown on the incident. Destinations that require HTTPS image sources drop any other at run time.
 *
 * @param src the image URL; required
 * @param href where a click on the image leads; may be {@code null}
 * @param alt alternative text; may be {@code null}
 */
public record Image(String src, String href, String alt) {
    public Image {
        Objects.requireNonNull(src, "src");
    }
}
