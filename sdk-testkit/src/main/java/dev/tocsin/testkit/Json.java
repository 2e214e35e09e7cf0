package dev.tocsin.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The testkit's one JSON mapper. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
