package dev.hydro.stream;

import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A reduction (a fold without an initial value, so its result is an {@link Optional}) together with the
 * guarantees it needs, checked exactly like {@link Fold}.
 *
 * <pre>{@code
 * Optional<String, Process<P>, Unbounded> longest =
 *     words.reduce(Reduce.commutativeIdempotent((a, b) -> a.length() >= b.length() ? a : b));
 * }</pre>
 *
 * @param <T> the element and result type
 * @param <O> the ordering the reduction needs
 * @param <R> the delivery it needs
 */
public final class Reduce<T, O extends Ordering, R extends Delivery> {

    private final BinaryOperator<T> combine;
    private final boolean keepFirst;

    private Reduce(BinaryOperator<T> combine, boolean keepFirst) {
        this.combine = combine;
        this.keepFirst = keepFirst;
    }

    /** A reduction that depends on order. */
    public static <T> Reduce<T, TotalOrder, ExactlyOnce> ordered(BinaryOperator<T> combine) {
        return new Reduce<>(Objects.requireNonNull(combine, "combine"), false);
    }

    /** A commutative reduction (a sum). */
    public static <T> Reduce<T, NoOrder, ExactlyOnce> commutative(BinaryOperator<T> combine) {
        return new Reduce<>(Objects.requireNonNull(combine, "combine"), false);
    }

    /** A commutative, idempotent reduction (a max, a set union): compiles on any stream. */
    public static <T> Reduce<T, NoOrder, AtLeastOnce> commutativeIdempotent(BinaryOperator<T> combine) {
        return new Reduce<>(Objects.requireNonNull(combine, "combine"), false);
    }

    /**
     * Keeps the first element. Needs order, but not exactly-once delivery: a redelivered element comes after
     * the original, so the first one does not change.
     */
    public static <T> Reduce<T, TotalOrder, AtLeastOnce> first() {
        return new Reduce<>((a, b) -> a, true);
    }

    /** Creates fresh reduction state; used by the engine. */
    public Fold.Accumulator<T, T> newAccumulator() {
        return new Fold.Accumulator<>() {
            private T value;

            @Override
            public void add(T element) {
                if (value == null) {
                    value = element;
                } else if (!keepFirst) {
                    value = combine.apply(value, element);
                }
            }

            @Override
            public T result() {
                return value;
            }

            @Override
            public void restore(T result) {
                value = result;
            }
        };
    }
}
