package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One tick's finite batch of a stream, inside a {@link dev.hydro.location.Tick}. Operators that need the
 * whole input before they can answer ({@link #sort}, {@link #chain}, the negative side of an anti-join)
 * take bounded streams; aggregations over a bounded stream cover only this tick and reset every tick.
 *
 * <pre>{@code
 * BoundedStream<String, Process<Leader>, TotalOrder, ExactlyOnce> batch = lines.batch(tick, nondet);
 * BoundedSingleton<Long, Process<Leader>> linesThisTick = batch.fold(Fold.count());
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 * @param <O> ordering
 * @param <R> delivery
 */
public interface BoundedStream<T, L extends Location<L>, O extends Ordering, R extends Delivery>
        extends Stream<T, L, Bounded, O, R> {

    /** Views a stream whose type already says {@link Bounded} as a {@code BoundedStream}. */
    @SuppressWarnings("unchecked")
    static <T, L extends Location<L>, O extends Ordering, R extends Delivery> BoundedStream<T, L, O, R> of(
            Stream<T, L, Bounded, O, R> stream) {
        return (BoundedStream<T, L, O, R>) stream;
    }

    @Override
    <U> BoundedStream<U, L, O, R> map(Function<? super T, ? extends U> f);

    @Override
    <U> BoundedStream<U, L, O, R> flatMap(Function<? super T, ? extends Iterable<? extends U>> f);

    @Override
    BoundedLongStream<L, O, R> mapToLong(ToLongFunction<? super T> f);

    @Override
    BoundedStream<T, L, O, R> filter(Predicate<? super T> predicate);

    @Override
    <U> BoundedStream<U, L, O, R> filterMap(Function<? super T, ? extends java.util.Optional<? extends U>> f);

    @Override
    BoundedStream<T, L, O, R> inspect(Consumer<? super T> action);

    @Override
    BoundedStream<T, L, O, R> unique();

    @Override
    <A> BoundedSingleton<A, L> fold(Fold<? super T, A, ? super O, ? super R> fold);

    @Override
    BoundedOptional<T, L> reduce(Reduce<T, ? super O, ? super R> reduce);

    @Override
    BoundedOptional<T, L> min(Comparator<? super T> comparator);

    @Override
    BoundedOptional<T, L> max(Comparator<? super T> comparator);

    @Override
    BoundedStream<T, L, NoOrder, R> interleave(Stream<T, L, Bounded, ?, R> other);

    @Override
    <U> BoundedStream<Pair<T, U>, L, NoOrder, R> crossProduct(Stream<U, L, Bounded, ?, R> other);

    @Override
    <K, V> BoundedKeyedStream<K, V, L, O, R> intoKeyed(Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value);

    @Override
    BoundedStream<T, L, NoOrder, R> weakenOrdering();

    @Override
    BoundedStream<T, L, O, AtLeastOnce> weakenDelivery();

    @Override
    OrderedBoundedStream<T, L> assumeOrdering(Assumption.OnExactlyOnce<? super R> nondet);

    @Override
    BoundedStream<T, L, TotalOrder, R> assumeOrdering(Assumption nondet);

    @Override
    BoundedStream<T, L, O, ExactlyOnce> assumeExactlyOnce(NonDet nondet);

    /** Sorts this tick's batch. Blocking: waits for the whole batch. */
    BoundedStream<T, L, TotalOrder, R> sort(Comparator<? super T> comparator);

    /** All elements of this batch, then all elements of {@code other}. Blocking on this batch. */
    BoundedStream<T, L, O, R> chain(Stream<T, L, Bounded, O, R> other);

    /** Pairs every element with the value of a singleton in the same tick. */
    <U> BoundedStream<Pair<T, U>, L, O, R> crossSingleton(Singleton<U, L, Bounded> singleton);

    /** Leaves the tick: the concatenation of this batch over all ticks, as a top-level stream. */
    Stream<T, L, Unbounded, O, R> allTicks();

    /** Delivers this tick's elements at the start of the next tick (which it schedules). */
    BoundedStream<T, L, O, R> deferTick();
}
