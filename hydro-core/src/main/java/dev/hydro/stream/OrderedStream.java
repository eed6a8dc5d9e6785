package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.Tick;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A totally ordered, exactly-once stream: the only kind on which order-sensitive operators
 * ({@link #enumerate()}, {@link #first()}, {@link #forEach}, ordinary folds) compile.
 *
 * <pre>{@code
 * process.sourceIter(List.of("a", "b", "c"))
 *        .enumerate()
 *        .forEach(e -> System.out.println(e.index() + ": " + e.value()));
 * }</pre>
 *
 * @param <T> element type
 * @param <L> location
 * @param <B> boundedness
 */
public interface OrderedStream<T, L extends Location<L>, B extends Boundedness>
        extends Stream<T, L, B, TotalOrder, ExactlyOnce> {

    /**
     * Views a stream whose type already promises total order and exactly-once delivery as an
     * {@code OrderedStream}. Free: no guarantee is assumed.
     */
    @SuppressWarnings("unchecked")
    static <T, L extends Location<L>, B extends Boundedness> OrderedStream<T, L, B> of(
            Stream<T, L, B, TotalOrder, ExactlyOnce> stream) {
        return (OrderedStream<T, L, B>) stream;
    }

    @Override
    <U> OrderedStream<U, L, B> map(Function<? super T, ? extends U> f);

    @Override
    <U> OrderedStream<U, L, B> flatMap(Function<? super T, ? extends Iterable<? extends U>> f);

    @Override
    OrderedStream<T, L, B> filter(Predicate<? super T> predicate);

    @Override
    <U> OrderedStream<U, L, B> filterMap(Function<? super T, ? extends java.util.Optional<? extends U>> f);

    @Override
    OrderedStream<T, L, B> inspect(Consumer<? super T> action);

    @Override
    OrderedStream<T, L, B> unique();

    @Override
    OrderedBoundedStream<T, L> batch(Tick<L> tick, NonDet nondet);

    @Override
    OrderedStream<T, L, Unbounded> sampleEvery(Duration interval, NonDet nondet);

    /** Pairs every element with its position, counting from 0 (per tick for a bounded stream). */
    OrderedStream<Indexed<T>, L, B> enumerate();

    /** The first element. */
    Optional<T, L, B> first();

    /** The number of elements. */
    Singleton<Long, L, B> count();

    /** Folds the elements in order. */
    <A> Singleton<A, L, B> fold(Supplier<A> init, BiFunction<A, ? super T, A> step);

    /** Reduces the elements in order. */
    Optional<T, L, B> reduce(BinaryOperator<T> combine);

    /** Runs {@code action} on every element, in order: a sink for side effects. */
    void forEach(Consumer<? super T> action);
}
