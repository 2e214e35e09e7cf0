package dev.tocsin.testing;

/**
 * Exceptions whose accessors misbehave: messages that recurse or throw, stack traces that throw or hold
 * {@code null}, causes that throw or are the exception itself, cause chains that loop or go 10,000 deep,
 * suppressed exceptions that loop. Plain exceptions are mixed in, as in real traffic.
 */
public final class HostileThrowables {
    static final int DEEP_CHAIN = 10_000;

    private final Hostile gen;

    HostileThrowables(Hostile gen) {
        this.gen = gen;
    }

    Throwable any() {
        return switch (gen.below(14)) {
            case 0 -> gen.named("error:null", null);
            case 1 -> gen.named("error:plain", new IllegalStateException(gen.string()));
            case 2 -> gen.named("error:message-recurses", messageRecurses());
            case 3 -> gen.named("error:message-asserts", messageAsserts());
            case 4 -> gen.named("error:toString-recurses", new Misbehaving(Behaviour.TO_STRING_RECURSES));
            case 5 -> gen.named("error:localized-recurses", new Misbehaving(Behaviour.LOCALIZED_RECURSES));
            case 6 -> gen.named("error:stack-throws", new Misbehaving(Behaviour.STACK_THROWS));
            case 7 -> gen.named("error:stack-nulls", new Misbehaving(Behaviour.STACK_NULLS));
            case 8 -> gen.named("error:stack-empty", new Misbehaving(Behaviour.STACK_EMPTY));
            case 9 -> gen.named("error:cause-throws", new Misbehaving(Behaviour.CAUSE_THROWS));
            case 10 -> gen.named("error:cause-self", new Misbehaving(Behaviour.CAUSE_SELF));
            case 11 -> gen.named("error:cyclic-causes", cyclicCauses());
            case 12 -> gen.named("error:deep-chain", deepChain(DEEP_CHAIN));
            default -> gen.named("error:cyclic-suppressed", cyclicSuppressed());
        };
    }

    /** What a {@link Misbehaving} exception does wrong. */
    public enum Behaviour {
        MESSAGE_RECURSES, MESSAGE_ASSERTS, TO_STRING_RECURSES, LOCALIZED_RECURSES, STACK_THROWS, STACK_NULLS,
        STACK_EMPTY, CAUSE_THROWS, CAUSE_SELF
    }

    public static Throwable messageRecurses() {
        return new Misbehaving(Behaviour.MESSAGE_RECURSES);
    }

    public static Throwable messageAsserts() {
        return new Misbehaving(Behaviour.MESSAGE_ASSERTS);
    }

    /** a → b → a, made with {@code initCause}, which refuses only a direct self-cause. */
    public static Throwable cyclicCauses() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a);
        return a;
    }

    public static Throwable deepChain(int depth) {
        Throwable t = new java.io.IOException("root");
        for (int i = 0; i < depth; i++) {
            t = new RuntimeException("wrap " + i, t);
        }
        return t;
    }

    public static Throwable cyclicSuppressed() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b");
        a.addSuppressed(b);
        b.addSuppressed(a);
        return a;
    }

    /** An exception that misbehaves in one way. */
    public static final class Misbehaving extends RuntimeException {
        private final Behaviour behaviour;

        public Misbehaving(Behaviour behaviour) {
            super("hostile " + behaviour.name());
            this.behaviour = behaviour;
        }

        public Behaviour behaviour() {
            return behaviour;
        }

        @Override
        public String getMessage() {
            return switch (behaviour) {
                case MESSAGE_RECURSES -> getMessage() + "!";
                case MESSAGE_ASSERTS -> throw new AssertionError("message is not available");
                default -> super.getMessage();
            };
        }

        @Override
        public String getLocalizedMessage() {
            return behaviour == Behaviour.LOCALIZED_RECURSES ? getLocalizedMessage() + "!" : super.getLocalizedMessage();
        }

        @Override
        public String toString() {
            return behaviour == Behaviour.TO_STRING_RECURSES ? toString() + "!" : super.toString();
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            return switch (behaviour) {
                case STACK_THROWS -> throw new UnsupportedOperationException("no stack trace");
                case STACK_NULLS -> new StackTraceElement[] {null, super.getStackTrace()[0], null};
                case STACK_EMPTY -> new StackTraceElement[0];
                default -> super.getStackTrace();
            };
        }

        @Override
        public synchronized Throwable getCause() {
            return switch (behaviour) {
                case CAUSE_THROWS -> throw new IllegalStateException("cause is not available");
                case CAUSE_SELF -> this;
                default -> super.getCause();
            };
        }
    }
}
