package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One tick's batch of a keyed stream: per-key aggregations cover this tick only and give a
 * {@link BoundedKeyedSingleton} whose entries can be read.
 *
 * <pre>{@code
 * BoundedKeyedSingleton<String, Long, Cluster<Worker>> perTick =
 *     batch.flatMap(Words::split).intoKeyed(w -> w, w -> 1L).fold(Fold.commutative(() -> 0L, Long::sum));
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <L> location
 * @param <O> ordering of the values of one key
 * @param <R> delivery
 */
public interface BoundedKeyedStream<K, V, L extends Location<L>, O extends Ordering, R extends Delivery>
        extends KeyedStream<K, V, L, Bounded, O, R> {

    @Override
    <U> BoundedKeyedStream<K, U, L, O, R> mapValues(Function<? super V, ? extends U> f);

    @Override
    BoundedKeyedStream<K, V, L, O, R> filterValues(Predicate<? super V> predicate);

    @Override
    <A> BoundedKeyedSingleton<K, A, L> fold(Fold<? super V, A, ? super O, ? super R> fold);

    @Override
    BoundedKeyedSingleton<K, V, L> reduce(Reduce<V, ? super O, ? super R> reduce);

    @Override
    BoundedStream<K, L, NoOrder, R> keys();

    @Override
    BoundedStream<V, L, NoOrder, R> values();

    @Override
    BoundedStream<KeyValue<K, V>, L, NoOrder, R> entries();

    @Override
    <V2> BoundedKeyedStream<K, Pair<V, V2>, L, NoOrder, R> join(KeyedStream<K, V2, L, Bounded, ?, R> other);

    @Override
    BoundedKeyedStream<K, V, L, O, R> antiJoin(Stream<K, L, Bounded, ?, ?> negative);

    /** Leaves the tick: this batch's entries over all ticks, as a top-level keyed stream. */
    KeyedStream<K, V, L, Unbounded, O, R> allTicks();
}
