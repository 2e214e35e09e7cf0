package dev.tocsin.rules;

import dev.tocsin.internal.expr.Expression;
import dev.tocsin.internal.expr.Fields;
import dev.tocsin.internal.expr.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A test of an event's fields, for {@link Rule rules} and maintenance windows. Written as an expression, the same
 * in code, {@code application.yml} and {@code logback.xml}:
 *
 * <pre>{@code
 * Condition.of("severity in (critical, error) and component matches '^(api|database|auth)$'")  // fields: below
 * Condition.of("exception == 'java.net.UnknownHostException' and details.env == 'staging'")
 * Condition.of("not (mdc.tenant exists) or details.retries >= 3")
 * }</pre>
 *
 * or built in code with the same meaning: {@code Condition.field("summary").contains("payment")
 * .and(Condition.field("severity").in("critical", "error"))}.
 *
 * <p>Fields: {@code summary}, {@code source}, {@code severity} ({@code critical}, {@code error}, {@code warning},
 * {@code info}; compared whatever the case), {@code component}, {@code group}, {@code class}, {@code logger} (a
 * logged event's logger name), {@code exception} (the class name of the exception and of each of its causes: it
 * equals {@code java.net.ConnectException} if any exception in the chain is one), {@code key} (the dedup key),
 * {@code details.<key>} (any detail, a list detail matching if any element does) and {@code mdc.<key>} (any MDC key
 * the appender captured). Operators: {@code ==} (or {@code =}), {@code !=}, {@code contains}, {@code matches} (a
 * Java regular expression found anywhere in the value; its work is bounded, so no pattern can stall delivery),
 * {@code in (a, b)}, {@code exists}, and {@code <}, {@code <=}, {@code >}, {@code >=} against a number. Combine
 * with {@code and}, {@code or}, {@code not}, parentheses, {@code all(a, b)} and {@code any(a, b)}. Values are
 * quoted with {@code '} or {@code "}, or bare words; in quotes, a backslash before the quote or another backslash
 * stands for that character, and any other backslash is kept, so {@code matches 'order \d+'} is the regular
 * expression {@code order \d+}. A field that is absent matches nothing but {@code !=}.
 *
 * <p>Immutable and thread-safe. Equal conditions print ({@link #toString()}) the same, however they were written.
 */
public final class Condition {
    private static final Condition ALWAYS = new Condition(new Node.All(List.of()));

    private final Node node;

    private Condition(Node node) {
        this.node = node;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException if it is not a valid condition; the message says what and where
     */
    public static Condition of(String expression) {
        try {
            return new Condition(Expression.parse(expression));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tocsin: condition " + e.getMessage(), null);
        }
    }

    /** The condition every event meets. */
    public static Condition always() {
        return ALWAYS;
    }

    /** A field to compare; see the class description for the names. */
    public static FieldTest field(String name) {
        Objects.requireNonNull(name, "tocsin: field name must not be null");
        String problem = Fields.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("tocsin: condition: " + problem);
        }
        return new FieldTest(name);
    }

    /** Met when every one of the conditions is. */
    public static Condition all(Condition... conditions) {
        return new Condition(new Node.All(nodes(conditions)));
    }

    /** Met when at least one of the conditions is. */
    public static Condition any(Condition... conditions) {
        return new Condition(new Node.Any(nodes(conditions)));
    }

    /** Met when the condition is not. */
    public static Condition not(Condition condition) {
        Objects.requireNonNull(condition, "tocsin: not(...) needs a condition");
        return new Condition(new Node.Not(condition.node));
    }

    public Condition and(Condition other) {
        return all(this, other);
    }

    public Condition or(Condition other) {
        return any(this, other);
    }

    private static List<Node> nodes(Condition... conditions) {
        Objects.requireNonNull(conditions, "tocsin: conditions must not be null");
        List<Node> out = new ArrayList<>();
        for (Condition c : conditions) {
            Objects.requireNonNull(c, "tocsin: a condition must not be null");
            out.add(c.node);
        }
        return out;
    }

    /** The condition as an expression that {@link #of(String)} reads back to an equal condition. */
    @Override
    public String toString() {
        return node.text();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.node.text().equals(node.text());
    }

    @Override
    public int hashCode() {
        return node.text().hashCode();
    }

    /** One field, about to be compared. */
    public static final class FieldTest {
        private final String field;

        private FieldTest(String field) {
            this.field = field;
        }

        public Condition equalTo(String value) {
            return compare(Node.Op.EQUALS, value);
        }

        public Condition notEqualTo(String value) {
            return compare(Node.Op.NOT_EQUALS, value);
        }

        public Condition contains(String text) {
            return compare(Node.Op.CONTAINS, text);
        }

        /**
         * Met when the regular expression is found in the value.
         *
         * @throws IllegalArgumentException if it is not a valid regular expression
         */
        public Condition matches(String regex) {
            Objects.requireNonNull(regex, "tocsin: matches(...) needs a regular expression");
            try {
                return new Condition(new Node.Compare(field, Node.Op.MATCHES, List.of(regex), Expression.regex(regex),
                        null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tocsin: condition on " + field + ": " + e.getMessage(), null);
            }
        }

        public Condition in(String... values) {
            Objects.requireNonNull(values, "tocsin: in(...) needs values");
            if (values.length == 0) {
                throw new IllegalArgumentException("tocsin: condition on " + field + ": in(...) needs a value");
            }
            Arrays.stream(values).forEach(v -> Objects.requireNonNull(v, "tocsin: in(...) was given a null value"));
            return new Condition(new Node.Compare(field, Node.Op.IN, List.of(values), null, null));
        }

        public Condition exists() {
            return new Condition(new Node.Compare(field, Node.Op.EXISTS, List.of(), null, null));
        }

        public Condition lessThan(double number) {
            return numeric(Node.Op.LESS, number);
        }

        public Condition atMost(double number) {
            return numeric(Node.Op.AT_MOST, number);
        }

        public Condition greaterThan(double number) {
            return numeric(Node.Op.GREATER, number);
        }

        public Condition atLeast(double number) {
            return numeric(Node.Op.AT_LEAST, number);
        }

        private Condition compare(Node.Op op, String value) {
            Objects.requireNonNull(value, "tocsin: a condition on " + field + " needs a value, not null");
            return new Condition(new Node.Compare(field, op, List.of(value), null, null));
        }

        private Condition numeric(Node.Op op, double number) {
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("tocsin: condition on " + field + ": not a finite number");
            }
            BigDecimal n = BigDecimal.valueOf(number).stripTrailingZeros();
            return new Condition(new Node.Compare(field, op, List.of(n.toPlainString()), null, n));
        }
    }
}
