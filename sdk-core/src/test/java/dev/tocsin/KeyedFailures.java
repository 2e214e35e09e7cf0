package dev.tocsin;

import dev.tocsin.event.DedupKeys;

/**
 * Failures thrown along fixed code paths, for the dedup key tests. Also a main program that prints their keys,
 * so a test can compute them in a second JVM.
 */
final class KeyedFailures {
    private KeyedFailures() {
    }

    /** Runs on a fresh thread, so that the stack is the same whoever asks (a test, or the main below). */
    static RuntimeException databaseDown() {
        return onThread(Repository::load);
    }

    static RuntimeException badInput() {
        return onThread(() -> Parser.parse("x"));
    }

    private static RuntimeException onThread(Runnable failing) {
        RuntimeException[] caught = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                failing.run();
            } catch (RuntimeException e) {
                caught[0] = e;
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return caught[0];
    }

    /** Caller keys that {@link DedupKeys#sanitize} keeps, repairs or hashes; the mapping must not vary by JVM. */
    static final String[] CALLER_KEYS = {"ошибка", "авария", "bad\nkey\u00e9", "password=hunter2", "x".repeat(300),
        "\uD800lone", "注文 4711"};

    public static void main(String[] args) {
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        out.println(DedupKeys.of(databaseDown()));
        out.println(DedupKeys.of(badInput()));
        out.println(DedupKeys.ofMessage("com.example.Orders", "order 4711 failed for 0xdeadbeef"));
        for (String key : CALLER_KEYS) {
            out.println(DedupKeys.sanitize(key));
        }
    }

    static final class Repository {
        static void load() {
            try {
                Pool.borrow();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not load orders " + System.nanoTime(), e);
            }
        }
    }

    static final class Pool {
        static void borrow() throws java.io.IOException {
            throw new java.net.ConnectException("Connection refused to db-" + System.nanoTime());
        }
    }

    static final class Parser {
        static void parse(String s) {
            Integer.parseInt(s);
        }
    }
}
