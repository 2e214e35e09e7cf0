package dev.tocsin.rules;

/**
 * A rule, severity policy or maintenance window that cannot work as written. The message names the rule (or window)
 * and the field, as {@code tocsin: rule 'payments': when: unknown field 'sumary' (did you mean 'summary'?)}, and
 * never holds a routing key.
 */
public class InvalidRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String field;

    public InvalidRuleException(String rule, String field, String problem) {
        super("tocsin: " + rule + ": " + field + ": " + problem);
        this.rule = rule;
        this.field = field;
    }

    /** The rule or window, as {@code rule 'payments'} or {@code rule #3}. */
    public String rule() {
        return rule;
    }

    /** The field of the rule that is wrong, such as {@code when} or {@code route}. */
    public String field() {
        return field;
    }
}
