package dev.tocsin.spi;

import dev.tocsin.internal.text.Details;
import dev.tocsin.internal.text.Scrubber;
import dev.tocsin.internal.text.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's scrubbing, for integrations that put text of their own into events or logs: the same rules the
 * client applies to everything it sends (secret-shaped values removed, values under secret-looking names masked,
 * private keys dropped), in time linear in the text's length.
 */
public final class Scrubbing {
    /** The longest a value of {@link #plainDetails} may be, in characters. */
    public static final int MAX_VALUE = 1024;
    /** What replaces a masked value. */
    public static final String MASK = Scrubber.MASK;

    private Scrubbing() {
    }

    /** {@code text} with anything that looks like a secret removed; {@code null} stays {@code null}. */
    public static String text(String text) {
        return Scrubber.text(text);
    }

    /** Whether a name (a detail key, a header, a property) says its value is a secret, such as {@code apiKey}. */
    public static boolean secretName(String name) {
        return Scrubber.secretName(name);
    }

    /** A secret as a log line may show it: at most its last four characters, such as {@code …6b08}. */
    public static String mask(String secret) {
        return Secrets.mask(secret);
    }

    /**
     * Plain values only, scrubbed: numbers and booleans as they are, values under secret-looking names masked,
     * everything else as scrubbed text of at most {@value #MAX_VALUE} characters ({@link String#valueOf}; a value
     * whose {@code toString()} throws becomes a placeholder naming its type); {@code null} values, and a
     * {@code null} map, give nothing.
     */
    public static Map<String, Object> plainDetails(Map<String, ?> details) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (details == null) {
            return out;
        }
        details.forEach((name, value) -> {
            if (name == null || value == null) {
                return;
            }
            if (secretName(name)) {
                out.put(name, MASK);
            } else if (value instanceof Number || value instanceof Boolean) {
                out.put(name, value);
            } else {
                out.put(name, Scrubber.bounded(Details.render(value, MAX_VALUE + Scrubber.MARGIN), MAX_VALUE, false));
            }
        });
        return out;
    }
}
