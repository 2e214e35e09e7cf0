package dev.tocsin.logback;

import java.util.function.Function;

/**
 * Where the appender's routing key comes from: {@code <routingKey>} when it holds a value, else the environment
 * variable {@value #VARIABLE}. There is no system property: a key passed as {@code -D} shows in every process
 * listing and in the JVM's reported arguments.
 *
 * <p>Logback replaces an undefined {@code ${NAME}} with {@code NAME_IS_UNDEFINED}; such a value counts as not set
 * (no routing key has an underscore), so the environment variable is still looked up, and if it is missing too
 * the error says that the variable is not set rather than that a key is malformed. Messages never show a key.
 */
final class RoutingKeyLookup {
    static final String VARIABLE = "TOCSIN_ROUTING_KEY";
    private static final String UNDEFINED = "_IS_UNDEFINED";

    private RoutingKeyLookup() {
    }

    /** A key, or why there is none. */
    record Result(String key, String problem) {
    }

    static Result resolve(String configured, Function<String, String> env) {
        String value = blank(configured) ? null : configured.strip();
        String undefined = isUndefined(value) ? value.substring(0, value.length() - UNDEFINED.length()) : null;
        if (value != null && undefined == null) {
            return new Result(value, null);
        }
        String fromEnv = read(env);
        if (!blank(fromEnv)) {
            return new Result(fromEnv.strip(), null);
        }
        if (undefined != null) {
            return new Result(null, "<routingKey> is ${" + undefined + "}, but the variable " + undefined
                    + " is not set (Logback substituted " + value + ")"
                    + (undefined.equals(VARIABLE) ? "" : ", and neither is the environment variable " + VARIABLE));
        }
        return new Result(null, "no routing key: the environment variable " + VARIABLE
                + (fromEnv == null ? " is not set" : " is empty") + " and <routingKey> is empty (or share a client "
                + "with setTocsin)");
    }

    /** Whether a configured value is Logback's placeholder for an undefined variable, {@code NAME_IS_UNDEFINED}. */
    static boolean isUndefined(String value) {
        return value != null && value.endsWith(UNDEFINED) && value.length() > UNDEFINED.length();
    }

    /** {@code null} if the environment cannot be read (a security manager, say). */
    private static String read(Function<String, String> env) {
        try {
            return env.apply(VARIABLE);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
