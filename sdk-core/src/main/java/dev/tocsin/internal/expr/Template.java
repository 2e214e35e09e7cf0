package dev.tocsin.internal.expr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text with placeholders such as {@code {component}} or {@code {details.region}}, filled from an event's
 * {@link EventFields}; {@code {{} and {}}} stand for the braces themselves. An absent value fills in as nothing.
 * Checked when made: an unknown field or an unclosed brace is refused.
 */
public final class Template {
    static final int MAX_LENGTH = 2048;

    private final String text;
    /** Literal text at even indexes, field names at odd ones. */
    private final List<String> parts;

    private Template(String text, List<String> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException saying what is wrong */
    public static Template parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && text.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && text.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("has a '{' at character " + (i + 1) + " that is never closed");
                }
                String field = text.substring(i + 1, close).strip();
                String problem = Fields.problem(field);
                if (problem != null) {
                    throw new IllegalArgumentException("placeholder {" + field + "}: " + problem);
                }
                parts.add(literal.toString());
                parts.add(field);
                literal.setLength(0);
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        parts.add(literal.toString());
        return new Template(text, List.copyOf(parts));
    }

    /** The text with each placeholder filled in as it is. */
    public String fill(EventFields event) {
        return fill(event, false);
    }

    /** The text with each placeholder's value percent-encoded, for a URL. */
    public String fillEncoded(EventFields event) {
        return fill(event, true);
    }

    private String fill(EventFields event, boolean encode) {
        StringBuilder b = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i += 2) {
            String value = event.first(parts.get(i));
            if (value != null) {
                b.append(encode ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : value);
            }
            b.append(parts.get(i + 1));
        }
        return b.toString();
    }

    /** The fields its placeholders name. */
    public List<String> fields() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < parts.size(); i += 2) {
            out.add(parts.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
