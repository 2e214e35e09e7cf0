package dev.tocsin.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when Tocsin is on ({@link Activation}); the condition report says why it is off. */
final class OnTocsinCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Activation activation = Activation.of(context.getEnvironment());
        return activation.on() ? ConditionOutcome.match("Tocsin is on: a routing key is set")
                : ConditionOutcome.noMatch("Tocsin is off: " + activation.reason());
    }
}
