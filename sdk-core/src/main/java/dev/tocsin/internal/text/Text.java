package dev.tocsin.internal.text;

/** Cleans text before it leaves the process: no control characters, no lone surrogates, bounded length. */
public final class Text {
    private Text() {
    }

    /**
     * One line of text: control characters (line breaks too) become spaces, lone surrogates U+FFFD, and text
     * longer than {@code max} characters is cut to {@code max}, ending in {@code …}.
     */
    public static String line(String s, int max) {
        return clean(s, max, false);
    }

    /** Like {@link #line} but keeps line breaks and tabs, for multi-line details such as stack traces. */
    public static String block(String s, int max) {
        return clean(s, max, true);
    }

    private static String clean(String s, int max, boolean keepBreaks) {
        if (s == null) {
            return null;
        }
        int limit = s.length() > max ? max - 1 : s.length();
        StringBuilder out = null;
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            char r = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    if (i + 1 >= limit) {
                        r = '\uFFFD'; // a pair cut in half by the limit
                    } else {
                        if (out != null) {
                            out.append(c).append(s.charAt(i + 1));
                        }
                        i++;
                        continue;
                    }
                } else {
                    r = '\uFFFD';
                }
            } else if (Character.isLowSurrogate(c)) {
                r = '\uFFFD';
            } else if (Character.isISOControl(c) && !(keepBreaks && (c == '\n' || c == '\t'))) {
                r = ' ';
            }
            if (r != c && out == null) {
                out = new StringBuilder(limit + 1).append(s, 0, i);
            }
            if (out != null) {
                out.append(r);
            }
        }
        if (s.length() > max) {
            return (out != null ? out : new StringBuilder(s.substring(0, limit))).append('…').toString();
        }
        return out != null ? out.toString() : s;
    }
}
