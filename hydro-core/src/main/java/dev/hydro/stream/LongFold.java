package dev.hydro.stream;

import java.util.Objects;
import java.util.function.LongBinaryOperator;

/**
 * A fold of a {@link LongStream} into one {@code long}, together with the guarantees it needs, checked exactly
 * like {@link Fold}: {@link #sum()} and {@link #count()} count every element, so they do not compile on an
 * at-least-once stream; an {@link #ordered} fold does not compile on an unordered one. The step works on
 * primitives, so folding allocates nothing per element.
 *
 * <pre>{@code
 * Singleton<Long, Process<P>, Unbounded> total = numbers.mapToLong(n -> n).fold(LongFold.sum());
 * Singleton<Long, Process<P>, Unbounded> largest =
 *     numbers.mapToLong(n -> n).fold(LongFold.commutativeIdempotent(Long.MIN_VALUE, Math::max));
 * }</pre>
 *
 * @param <O> the ordering the fold needs ({@link TotalOrder} or {@link NoOrder})
 * @param <R> the delivery it needs ({@link ExactlyOnce}, or {@link AtLeastOnce} when idempotent)
 */
public final class LongFold<O extends Ordering, R extends Delivery> {

    private final long initial;
    private final LongBinaryOperator step;

    private LongFold(long initial, LongBinaryOperator step) {
        this.initial = initial;
        this.step = Objects.requireNonNull(step, "step");
    }

    /** The sum of the elements (wrapping on overflow, like {@code +}). */
    public static LongFold<NoOrder, ExactlyOnce> sum() {
        return new LongFold<>(0, Long::sum);
    }

    /** The number of elements. */
    public static LongFold<NoOrder, ExactlyOnce> count() {
        return new LongFold<>(0, (count, element) -> count + 1);
    }

    /** A fold whose result depends on the order of the elements: needs a totally ordered, exactly-once input. */
    public static LongFold<TotalOrder, ExactlyOnce> ordered(long initial, LongBinaryOperator step) {
        return new LongFold<>(initial, step);
    }

    /** A fold whose step is commutative: the result does not depend on order, but counts every element. */
    public static LongFold<NoOrder, ExactlyOnce> commutative(long initial, LongBinaryOperator step) {
        return new LongFold<>(initial, step);
    }

    /** A commutative, idempotent fold (a max, a bitwise or): compiles on any stream. */
    public static LongFold<NoOrder, AtLeastOnce> commutativeIdempotent(long initial, LongBinaryOperator step) {
        return new LongFold<>(initial, step);
    }

    /** The value before the first element; the engine starts every fold (and every tick's fold) here. */
    public long initial() {
        return initial;
    }

    /** The step from the value so far and one element to the next value. */
    public LongBinaryOperator step() {
        return step;
    }
}
