package dev.hydro.runtime;

/**
 * Where an operator pushes the elements it emits: the next operator's input port, or a fan-out to several.
 * Pipelines of stateless operators are chains of plain method calls through this interface, so they
 * allocate nothing per element beyond the user's own values. Operators of a {@code LongStream} pass primitive
 * values through {@link #acceptLong}, so a chain of them does not box either.
 *
 * <pre>{@code
 * Push printer = element -> System.out.println(element);
 * printer.accept("hello");
 * }</pre>
 */
@FunctionalInterface
public interface Push {

    /** Discards everything; the output of an operator nobody consumes. */
    Push NONE = element -> {
    };

    /** Accepts one element. */
    void accept(Object element);

    /**
     * Accepts one primitive value of a {@code LongStream}. Operators that work on primitives override it; every
     * other push receives the value boxed.
     */
    default void acceptLong(long value) {
        accept(value);
    }

    /** A push that forwards every element to all {@code targets}, in order. */
    static Push fanOut(Push... targets) {
        if (targets.length == 0) {
            return NONE;
        }
        if (targets.length == 1) {
            return targets[0];
        }
        if (targets.length == 2) {
            return new FanOutToTwo(targets[0], targets[1]);
        }
        return new FanOut(targets.clone());
    }

    /** The push {@link #fanOut} returns for two targets, the common case, without a loop. */
    record FanOutToTwo(Push first, Push second) implements Push {
        @Override
        public void accept(Object element) {
            first.accept(element);
            second.accept(element);
        }

        @Override
        public void acceptLong(long value) {
            first.acceptLong(value);
            second.acceptLong(value);
        }
    }

    /** The push {@link #fanOut} returns for several targets; primitive values stay primitive. */
    final class FanOut implements Push {
        private final Push[] targets;

        private FanOut(Push[] targets) {
            this.targets = targets;
        }

        @Override
        public void accept(Object element) {
            for (Push target : targets) {
                target.accept(element);
            }
        }

        @Override
        public void acceptLong(long value) {
            for (Push target : targets) {
                target.acceptLong(value);
            }
        }
    }
}
