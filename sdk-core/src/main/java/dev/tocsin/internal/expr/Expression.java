package dev.tocsin.internal.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses a condition:
 *
 * <pre>
 * expr       = or
 * or         = and { ("or" | "||") and }
 * and        = unary { ("and" | "&amp;&amp;") unary }
 * unary      = ("not" | "!") unary | "(" expr ")" | ("all" | "any") "(" expr { "," expr } ")" | "true" | "false"
 *            | comparison
 * comparison = field "exists" | field "in" "(" value { "," value } ")"
 *            | field ("==" | "=" | "!=" | "contains" | "matches") value | field ("&lt;" | "&lt;=" | "&gt;" | "&gt;=") number
 * value      = 'text' | "text" | word   (in quotes, \' or \" and \\ stand for the quote and the backslash; any
 *                                        other backslash is kept as written, so '\d+' is the regex \d+)
 * </pre>
 *
 * Keywords are case-insensitive; field names are not. Errors say what was expected and where.
 */
public final class Expression {
    static final int MAX_LENGTH = 4096;
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private Expression(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException with a message saying what is wrong and at which position (1-based)
     */
    public static Node parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; write a condition such as summary contains 'timeout'");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        Expression e = new Expression(text);
        Node n = e.or();
        e.skipSpace();
        if (e.pos < text.length()) {
            throw e.error("unexpected '" + e.peekToken() + "'; expected 'and', 'or' or the end");
        }
        return n;
    }

    /** A regular expression, checked as a condition's {@code matches} operand is. */
    public static BoundedRegex regex(String pattern) {
        try {
            Pattern checked = Pattern.compile(pattern);
            // A match is looked for anywhere, so an unanchored .* at either end adds nothing but backtracking.
            String core = pattern;
            if (core.startsWith(".*") && !core.startsWith(".*?") && core.length() > 2) {
                core = core.substring(2);
            }
            if (core.endsWith(".*") && core.length() > 2 && core.charAt(core.length() - 3) != '\\') {
                core = core.substring(0, core.length() - 2);
            }
            if (!core.equals(pattern)) {
                try {
                    return new BoundedRegex(Pattern.compile(core));
                } catch (PatternSyntaxException e) {
                    // the cut pattern is not valid on its own (such as "(.*"): keep it whole
                }
            }
            return new BoundedRegex(checked);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression '" + pattern + "': "
                    + e.getDescription() + " near index " + e.getIndex());
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("regular expression is too deeply nested");
        }
    }

    private Node or() {
        List<Node> parts = new ArrayList<>();
        parts.add(and());
        while (keyword("or") || symbol("||")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Node.Any(parts);
    }

    private Node and() {
        List<Node> parts = new ArrayList<>();
        parts.add(unary());
        while (keyword("and") || symbol("&&")) {
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Node.All(parts);
    }

    private Node unary() {
        if (++depth > MAX_DEPTH) {
            throw error("is nested more than " + MAX_DEPTH + " deep");
        }
        try {
            if (keyword("not") || (!peekSymbol("!=") && symbol("!"))) {
                return new Node.Not(unary());
            }
            if (symbol("(")) {
                Node inner = or();
                expect(")");
                return inner;
            }
            for (String f : new String[] {"all", "any"}) {
                int mark = pos;
                if (keyword(f)) {
                    if (!symbol("(")) {
                        pos = mark; // a field named like the keyword is not allowed anyway: fall through to its error
                        break;
                    }
                    List<Node> parts = new ArrayList<>();
                    parts.add(or());
                    while (symbol(",")) {
                        parts.add(or());
                    }
                    expect(")");
                    return f.equals("all") ? new Node.All(parts) : new Node.Any(parts);
                }
            }
            if (keyword("true")) {
                return new Node.All(List.of());
            }
            if (keyword("false")) {
                return new Node.Any(List.of());
            }
            return comparison();
        } finally {
            depth--;
        }
    }

    private Node comparison() {
        skipSpace();
        int at = pos;
        String field = word();
        if (field == null) {
            throw error(pos >= text.length() ? "ends where a field was expected"
                    : "expected a field, found '" + peekToken() + "'");
        }
        String problem = Fields.problem(field);
        if (problem != null) {
            pos = at;
            throw error(problem);
        }
        if (keyword("exists")) {
            return new Node.Compare(field, Node.Op.EXISTS, List.of(), null, null);
        }
        if (keyword("in")) {
            expect("(");
            List<String> values = new ArrayList<>();
            values.add(value());
            while (symbol(",")) {
                values.add(value());
            }
            expect(")");
            return new Node.Compare(field, Node.Op.IN, values, null, null);
        }
        for (Node.Op op : new Node.Op[] {Node.Op.AT_MOST, Node.Op.AT_LEAST, Node.Op.NOT_EQUALS, Node.Op.EQUALS,
                Node.Op.LESS, Node.Op.GREATER}) {
            if (symbol(op.symbol)) {
                return operand(field, op);
            }
        }
        if (symbol("=")) {
            return operand(field, Node.Op.EQUALS);
        }
        if (keyword("contains")) {
            return operand(field, Node.Op.CONTAINS);
        }
        if (keyword("matches")) {
            return operand(field, Node.Op.MATCHES);
        }
        throw error(pos >= text.length() ? "ends after '" + field + "'; expected an operator"
                : "unknown operator '" + peekToken() + "'; operators are ==, !=, contains, matches, in, exists, <, <=, >, >=");
    }

    private Node operand(String field, Node.Op op) {
        int at = pos;
        String v = value();
        switch (op) {
            case MATCHES:
                try {
                    return new Node.Compare(field, op, List.of(v), regex(v), null);
                } catch (IllegalArgumentException e) {
                    pos = at;
                    throw error(e.getMessage());
                }
            case LESS, AT_MOST, GREATER, AT_LEAST:
                try {
                    return new Node.Compare(field, op, List.of(v), null, new BigDecimal(v.strip()).stripTrailingZeros());
                } catch (NumberFormatException e) {
                    pos = at;
                    throw error("'" + op.symbol + "' needs a number, found '" + v + "'");
                }
            default:
                return new Node.Compare(field, op, List.of(v), null, null);
        }
    }

    private String value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("ends where a value was expected");
        }
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') {
            int start = pos;
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < text.length()) {
                char d = text.charAt(pos++);
                if (d == c) {
                    return b.toString();
                }
                if (d == '\\' && pos < text.length() && (text.charAt(pos) == c || text.charAt(pos) == '\\')) {
                    d = text.charAt(pos++); // \' and \\ stand for the quote and the backslash; any other \ is kept,
                }                           // so that a regular expression's \d or \. reads as written
                b.append(d);
            }
            pos = start;
            throw error("has a quote that is never closed");
        }
        String w = word();
        if (w == null) {
            throw error("expected a value, found '" + peekToken() + "'");
        }
        return w;
    }

    /** A bare word: letters, digits and {@code _ . - : / * @ $}. */
    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && wordChar(text.charAt(pos))) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || "_.-:/*@$+".indexOf(c) >= 0;
    }

    private boolean keyword(String k) {
        skipSpace();
        int end = pos + k.length();
        if (end <= text.length() && text.regionMatches(true, pos, k, 0, k.length())
                && (end == text.length() || !wordChar(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private boolean peekSymbol(String s) {
        skipSpace();
        return text.startsWith(s, pos);
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw error(pos >= text.length() ? "ends where '" + s + "' was expected"
                    : "expected '" + s + "', found '" + peekToken() + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String peekToken() {
        int end = pos;
        while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end == pos ? text.substring(pos, Math.min(text.length(), pos + 1)) : text.substring(pos, end);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " (at character " + (pos + 1) + " of \"" + clip(text) + "\")");
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
