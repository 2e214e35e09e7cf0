package dev.tocsin.testkit;

/** A routing key is shown by its last four characters only, as PagerDuty's own pages show integration keys. */
final class Secrets {
    private Secrets() {
    }

    static String tail(String key) {
        if (key == null) {
            return "(none)";
        }
        return key.length() <= 8 ? "****" : key.substring(key.length() - 4);
    }
}
