package dev.tocsin.internal.text;

/** Shows secrets the only way they may be shown: by their last four characters. */
public final class Secrets {
    private Secrets() {
    }

    /** {@code "…6b08"} for a key ending in {@code 6b08}; {@code "…"} for a short or missing one. */
    public static String mask(String secret) {
        if (secret == null || secret.length() < 12) {
            return "…";
        }
        return "…" + secret.substring(secret.length() - 4);
    }
}
