package dev.tocsin.logback;

import ch.qos.logback.core.Context;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusManager;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the elements Logback's configurator ignored inside one {@code <rule>} or {@code <maintenance>}.
 *
 * <p>For an element that names no property of the bean ({@code <sumary>}, {@code <routing-key>}), Joran records the
 * warning {@code Ignoring unknown property [sumary] in [dev.tocsin.rules.RuleSpec]} (1.3.0 spells it
 * {@code unkown}) and goes on: a misspelt field would silently do nothing. Joran fills a nested bean's fields in
 * document order and hands the bean to the appender's adder last, so the warnings about a rule are the ones recorded
 * between the previous adder call (or the appender's creation) and its own. Not thread-safe; Logback configures an
 * appender on one thread.
 */
final class IgnoredElements {
    private static final Pattern IGNORED = Pattern.compile("Ignoring unk\\w* property \\[(.*?)] in \\[(.*?)]");

    /** The status count at the last mark; -1 before the first. */
    private int mark = -1;

    /** Statuses recorded from now on belong to the next bean. */
    void mark(Context context) {
        StatusManager statuses = statuses(context);
        mark = statuses == null ? -1 : statuses.getCount();
    }

    /**
     * The first element ignored in a bean of this class since the last mark, or {@code null}; marks again.
     */
    String since(Context context, Class<?> bean) {
        StatusManager statuses = statuses(context);
        if (statuses == null || mark < 0) {
            mark(context);
            return null;
        }
        int fresh = statuses.getCount() - mark;
        mark = statuses.getCount();
        if (fresh <= 0) {
            return null; // none, or the list was cleared (a status scrub) meanwhile
        }
        // past Logback's cap the list keeps its first and its newest statuses: the newest are these
        List<Status> all = statuses.getCopyOfStatusList();
        for (Status s : all.subList(Math.max(0, all.size() - fresh), all.size())) {
            Matcher m = s.getLevel() == Status.WARN && s.getMessage() != null ? IGNORED.matcher(s.getMessage()) : null;
            if (m != null && m.find() && m.group(2).equals(bean.getName())) {
                return m.group(1);
            }
        }
        return null;
    }

    private static StatusManager statuses(Context context) {
        return context == null ? null : context.getStatusManager();
    }
}
