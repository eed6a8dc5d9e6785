package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.Comparator;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One tick's batch of a totally ordered, exactly-once stream: every operator of {@link OrderedStream} and of
 * {@link BoundedStream}, plus {@link #last()}, which only a finished, ordered batch can answer.
 *
 * <pre>{@code
 * OrderedBoundedStream<String, Process<P>> batch = ordered.batch(tick, nondet);
 * BoundedOptional<String, Process<P>> lastLine = batch.last();
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 */
public interface OrderedBoundedStream<T, L extends Location<L>>
        extends OrderedStream<T, L, Bounded>, BoundedStream<T, L, TotalOrder, ExactlyOnce> {

    /** Views a stream whose type already says bounded, ordered and exactly-once as this type. */
    @SuppressWarnings("unchecked")
    static <T, L extends Location<L>> OrderedBoundedStream<T, L> of(
            Stream<T, L, Bounded, TotalOrder, ExactlyOnce> stream) {
        return (OrderedBoundedStream<T, L>) stream;
    }

    @Override
    <U> OrderedBoundedStream<U, L> map(Function<? super T, ? extends U> f);

    @Override
    <U> OrderedBoundedStream<U, L> flatMap(Function<? super T, ? extends Iterable<? extends U>> f);

    @Override
    OrderedBoundedStream<T, L> filter(Predicate<? super T> predicate);

    @Override
    <U> OrderedBoundedStream<U, L> filterMap(Function<? super T, ? extends java.util.Optional<? extends U>> f);

    @Override
    OrderedBoundedStream<T, L> inspect(Consumer<? super T> action);

    @Override
    OrderedBoundedStream<T, L> unique();

    @Override
    OrderedBoundedStream<Indexed<T>, L> enumerate();

    @Override
    BoundedOptional<T, L> first();

    /** The last element of this tick's batch. */
    BoundedOptional<T, L> last();

    @Override
    BoundedSingleton<Long, L> count();

    @Override
    <A> BoundedSingleton<A, L> fold(Supplier<A> init, BiFunction<A, ? super T, A> step);

    @Override
    BoundedOptional<T, L> reduce(BinaryOperator<T> combine);

    @Override
    OrderedBoundedStream<T, L> sort(Comparator<? super T> comparator);

    /** This batch, then {@code other}: ordered, because both are. */
    OrderedBoundedStream<T, L> chain(OrderedBoundedStream<T, L> other);

    @Override
    <U> OrderedBoundedStream<Pair<T, U>, L> crossSingleton(Singleton<U, L, Bounded> singleton);

    @Override
    OrderedStream<T, L, Unbounded> allTicks();

    @Override
    OrderedBoundedStream<T, L> deferTick();
}
