package dev.tocsin.internal.expr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression whose every match is bounded in work: Java's engine backtracks, and a pattern such as
 * {@code (a+)+b} takes exponential time on some inputs. The input is read through a {@link CharSequence} that
 * counts reads and gives up past a budget proportional to the input's length, so a match costs at most
 * {@link #STEPS_PER_CHAR} reads per character (plus {@link #BASE_STEPS}), whatever the pattern. A match that runs
 * out of budget is not a match, and is reported to the caller.
 */
public final class BoundedRegex {
    static final long BASE_STEPS = 10_000;
    static final long STEPS_PER_CHAR = 200;

    private final Pattern pattern;

    public BoundedRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Whether the pattern is found in the text.
     *
     * @throws OutOfBudget if the match needed more than its budget of reads
     */
    public boolean find(String text) {
        Counting input = new Counting(text, BASE_STEPS + STEPS_PER_CHAR * text.length());
        Matcher m = pattern.matcher(input);
        return m.find();
    }

    /** A match that ran out of its budget. */
    public static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super("regular expression ran out of its step budget", null, false, false);
        }
    }

    private static final class Counting implements CharSequence {
        private final String text;
        private final int start;
        private final int end;
        private final long[] left;

        Counting(String text, long budget) {
            this(text, 0, text.length(), new long[] {budget});
        }

        private Counting(String text, int start, int end, long[] left) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new OutOfBudget();
            }
            return text.charAt(start + index);
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Counting(text, start + from, start + to, left);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
