package dev.tocsin.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code tocsin.heartbeat.url} is set ({@link Activation#isSet}): like the routing key, a blank URL or
 * {@code ${HEARTBEAT_URL}} with the variable unset leaves the heartbeat off instead of failing startup.
 */
final class OnHeartbeatCondition extends SpringBootCondition {
    static final String URL = "tocsin.heartbeat.url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String url = Binder.get(context.getEnvironment()).bind(URL, String.class).orElse(null);
        return Activation.isSet(url) ? ConditionOutcome.match(URL + " is set")
                : ConditionOutcome.noMatch(URL + " is not set, blank, or refers to an unset variable");
    }
}
