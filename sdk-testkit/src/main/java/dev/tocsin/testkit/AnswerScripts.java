package dev.tocsin.testkit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answers injected per endpoint: each script is answered in turn, its last answer repeating; an endpoint without
 * one answers {@link Answer#normally()}. Thread-safe.
 */
final class AnswerScripts {
    private final Map<Endpoint, Script> scripts = new EnumMap<>(Endpoint.class);

    synchronized void set(Endpoint endpoint, Answer... answers) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (answers.length == 0) {
            throw new IllegalArgumentException("tocsin testkit: no answer given");
        }
        for (Answer a : answers) {
            Objects.requireNonNull(a, "answer");
        }
        scripts.put(endpoint, new Script(List.of(answers)));
    }

    synchronized void clear() {
        scripts.clear();
    }

    /** The answer for the next request to {@code endpoint}. */
    synchronized Answer next(Endpoint endpoint) {
        Script s = scripts.get(endpoint);
        return s == null ? Answer.normally() : s.next();
    }

    private static final class Script {
        private final List<Answer> answers;
        private int next;

        Script(List<Answer> answers) {
            this.answers = answers;
        }

        Answer next() {
            Answer a = answers.get(Math.min(next, answers.size() - 1));
            next++;
            return a;
        }
    }
}
