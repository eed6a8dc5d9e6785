package dev.hydro.stream;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * An aggregation together with the guarantees it needs from its input. The type parameters {@code O} and
 * {@code R} say what the aggregation requires; a stream accepts it only if its own guarantees are at least
 * as strong ({@code Fold<? super T, A, ? super O, ? super R>}), so an ordinary fold does not compile on an
 * unordered stream and a non-idempotent one does not compile on an at-least-once stream.
 *
 * <pre>{@code
 * Singleton<Long, Process<Leader>, Unbounded> total =
 *     fromWorkers.values().fold(Fold.commutative(() -> 0L, (sum, n) -> sum + n));
 * }</pre>
 *
 * @param <T> the element type folded
 * @param <A> the accumulated value
 * @param <O> the ordering the aggregation needs ({@link TotalOrder} or {@link NoOrder})
 * @param <R> the delivery it needs ({@link ExactlyOnce}, or {@link AtLeastOnce} when idempotent)
 */
public final class Fold<T, A, O extends Ordering, R extends Delivery> {

    private final Supplier<Accumulator<T, A>> accumulators;

    private Fold(Supplier<Accumulator<T, A>> accumulators) {
        this.accumulators = accumulators;
    }

    /** A fold whose result depends on the order of the elements: needs a totally ordered, exactly-once input. */
    public static <T, A> Fold<T, A, TotalOrder, ExactlyOnce> ordered(Supplier<A> init, BiFunction<A, ? super T, A> step) {
        return stepping(init, step);
    }

    /** A fold whose step is commutative: the result does not depend on order, but counts every element. */
    public static <T, A> Fold<T, A, NoOrder, ExactlyOnce> commutative(Supplier<A> init, BiFunction<A, ? super T, A> step) {
        return stepping(init, step);
    }

    /**
     * A fold whose step is commutative and idempotent (a set union, a max): duplicates and order do not
     * change the result, so it compiles on any stream.
     */
    public static <T, A> Fold<T, A, NoOrder, AtLeastOnce> commutativeIdempotent(Supplier<A> init,
            BiFunction<A, ? super T, A> step) {
        return stepping(init, step);
    }

    /** Counts elements, without boxing per element. */
    public static <T> Fold<T, Long, NoOrder, ExactlyOnce> count() {
        return new Fold<>(LongAccumulator::counting);
    }

    /** Sums a long extracted from every element, without boxing per element. */
    public static <T> Fold<T, Long, NoOrder, ExactlyOnce> sumLong(ToLongFunction<? super T> value) {
        Objects.requireNonNull(value, "value");
        return new Fold<>(() -> new LongAccumulator<>(value));
    }

    private static <T, A, O extends Ordering, R extends Delivery> Fold<T, A, O, R> stepping(Supplier<A> init,
            BiFunction<A, ? super T, A> step) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(step, "step");
        return new Fold<>(() -> new SteppingAccumulator<>(init.get(), step));
    }

    /** Creates fresh accumulator state; used by the engine once per fold (and per key for keyed folds). */
    public Accumulator<T, A> newAccumulator() {
        return accumulators.get();
    }

    /**
     * The mutable state of one running aggregation. Engine SPI: user code builds folds with the factories.
     *
     * @param <T> element type
     * @param <A> result type
     */
    public interface Accumulator<T, A> {
        /** Adds one element. */
        void add(T element);

        /** The current result, or {@code null} if there is none yet (only for reductions). */
        A result();

        /** Continues from a result logged earlier, as if the elements that led to it had been added. */
        void restore(A result);
    }

    private static final class SteppingAccumulator<T, A> implements Accumulator<T, A> {
        private A value;
        private final BiFunction<A, ? super T, A> step;

        SteppingAccumulator(A initial, BiFunction<A, ? super T, A> step) {
            this.value = initial;
            this.step = step;
        }

        @Override
        public void add(T element) {
            value = step.apply(value, element);
        }

        @Override
        public A result() {
            return value;
        }

        @Override
        public void restore(A result) {
            value = result;
        }
    }

    private static final class LongAccumulator<T> implements Accumulator<T, Long> {
        private long value;
        private final ToLongFunction<? super T> extract;

        LongAccumulator(ToLongFunction<? super T> extract) {
            this.extract = extract;
        }

        static <T> LongAccumulator<T> counting() {
            return new LongAccumulator<>(null);
        }

        @Override
        public void add(T element) {
            value += extract == null ? 1 : extract.applyAsLong(element);
        }

        @Override
        public Long result() {
            return value;
        }

        @Override
        public void restore(Long result) {
            value = result;
        }
    }
}
