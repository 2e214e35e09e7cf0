package dev.tocsin.internal.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A condition's tree. {@link #text()} writes it back as an expression that parses to an equal tree, so a condition
 * from code, YAML or XML prints the same way. Immutable; evaluation is the dispatch thread's.
 */
public sealed interface Node {

    /**
     * Whether the event matches.
     *
     * @throws BoundedRegex.OutOfBudget if a regular expression ran out of its budget
     */
    boolean test(EventFields event);

    String text();

    /** Every field the condition reads. */
    List<String> fields();

    record All(List<Node> parts) implements Node {
        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(EventFields event) {
            for (Node n : parts) {
                if (!n.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String text() {
            return parts.isEmpty() ? "true" : parts.stream().map(Node::grouped).collect(Collectors.joining(" and "));
        }

        @Override
        public List<String> fields() {
            return parts.stream().flatMap(p -> p.fields().stream()).toList();
        }
    }

    record Any(List<Node> parts) implements Node {
        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(EventFields event) {
            for (Node n : parts) {
                if (n.test(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String text() {
            return parts.isEmpty() ? "false" : parts.stream().map(Node::grouped).collect(Collectors.joining(" or "));
        }

        @Override
        public List<String> fields() {
            return parts.stream().flatMap(p -> p.fields().stream()).toList();
        }
    }

    record Not(Node part) implements Node {
        @Override
        public boolean test(EventFields event) {
            return !part.test(event);
        }

        @Override
        public String text() {
            return "not " + part.grouped();
        }

        @Override
        public List<String> fields() {
            return part.fields();
        }
    }

    /** {@code field op value(s)}; a field with several values (an exception's chain) matches if any value does. */
    record Compare(String field, Op op, List<String> operands, BoundedRegex regex, BigDecimal number)
            implements Node {
        public Compare {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(EventFields event) {
            List<String> values = event.values(field);
            if (op == Op.EXISTS) {
                return !values.isEmpty();
            }
            if (op == Op.NOT_EQUALS) {
                for (String v : values) {
                    if (equal(v, operands.get(0))) {
                        return false;
                    }
                }
                return true;
            }
            for (String v : values) {
                if (matches(v)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matches(String v) {
            switch (op) {
                case EQUALS:
                    return equal(v, operands.get(0));
                case CONTAINS:
                    return v.contains(operands.get(0));
                case IN:
                    for (String o : operands) {
                        if (equal(v, o)) {
                            return true;
                        }
                    }
                    return false;
                case MATCHES:
                    return regex.find(v);
                default:
                    BigDecimal n = number(v);
                    if (n == null) {
                        return false;
                    }
                    int c = n.compareTo(number);
                    return switch (op) {
                        case LESS -> c < 0;
                        case AT_MOST -> c <= 0;
                        case GREATER -> c > 0;
                        case AT_LEAST -> c >= 0;
                        default -> false;
                    };
            }
        }

        /** Severities compare whatever their case; everything else exactly. */
        private boolean equal(String value, String operand) {
            return field.equals("severity") ? value.equalsIgnoreCase(operand) : value.equals(operand);
        }

        private static BigDecimal number(String v) {
            String s = v.strip();
            if (s.isEmpty() || s.length() > 40) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) { // no exception thrown and caught for every word that is no number
                char c = s.charAt(i);
                if (!(c >= '0' && c <= '9') && "+-.eE".indexOf(c) < 0) {
                    return null;
                }
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String text() {
            return switch (op) {
                case EXISTS -> field + " exists";
                case IN -> field + " in (" + operands.stream().map(Node::quoted).collect(Collectors.joining(", "))
                        + ")";
                case LESS, AT_MOST, GREATER, AT_LEAST -> field + " " + op.symbol + " " + number.toPlainString();
                default -> field + " " + op.symbol + " " + quoted(operands.get(0));
            };
        }

        @Override
        public List<String> fields() {
            return List.of(field);
        }
    }

    enum Op {
        EQUALS("=="), NOT_EQUALS("!="), CONTAINS("contains"), MATCHES("matches"), IN("in"), EXISTS("exists"),
        LESS("<"), AT_MOST("<="), GREATER(">"), AT_LEAST(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private String grouped() {
        return this instanceof Compare || this instanceof Not ? text() : "(" + text() + ")";
    }

    static String quoted(String s) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('\'').toString();
    }
}
