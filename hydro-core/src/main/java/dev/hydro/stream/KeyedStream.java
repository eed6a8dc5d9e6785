package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.MemberId;
import dev.hydro.location.Target;
import dev.hydro.location.Tick;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream of key/value entries whose guarantees hold per key: {@code O} is the order of the values of one
 * key; across keys there is no order. A stream received from a cluster arrives keyed by the sender's
 * {@link MemberId}, so each member's values keep their order while {@link #values()} has none.
 *
 * <pre>{@code
 * KeyedSingleton<String, Long, Process<Leader>, Unbounded> counts =
 *     words.intoKeyed(w -> w, w -> 1L).fold(Fold.commutative(() -> 0L, Long::sum));
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <L> location
 * @param <B> boundedness
 * @param <O> ordering of the values of one key
 * @param <R> delivery
 */
public interface KeyedStream<K, V, L extends Location<L>, B extends Boundedness, O extends Ordering,
        R extends Delivery> {

    /** The location this stream lives at. */
    L location();

    /** Transforms every value, keeping its key. Stateless. */
    <U> KeyedStream<K, U, L, B, O, R> mapValues(Function<? super V, ? extends U> f);

    /** Keeps the entries whose value matches. Stateless. */
    KeyedStream<K, V, L, B, O, R> filterValues(Predicate<? super V> predicate);

    /** Folds the values of each key; requirements are checked per key like {@link Stream#fold}. */
    <A> KeyedSingleton<K, A, L, B> fold(Fold<? super V, A, ? super O, ? super R> fold);

    /**
     * Reduces the values of each key. {@code reduce(Reduce.first())} keeps each key's first value, which
     * needs per-key order.
     */
    KeyedSingleton<K, V, L, B> reduce(Reduce<V, ? super O, ? super R> reduce);

    /** The distinct keys. */
    Stream<K, L, B, NoOrder, R> keys();

    /** The values, without their keys: no order across keys. */
    Stream<V, L, B, NoOrder, R> values();

    /** The entries as a stream: no order across keys. */
    Stream<KeyValue<K, V>, L, B, NoOrder, R> entries();

    /** Joins with another keyed stream on equal keys: every pair of values with the same key. Stateful. */
    <V2> KeyedStream<K, Pair<V, V2>, L, B, NoOrder, R> join(KeyedStream<K, V2, L, B, ?, R> other);

    /**
     * Keeps the entries whose key is not in this tick's bounded {@code negative} stream. Blocking on the
     * negative side: it must be complete before anything can be emitted.
     */
    KeyedStream<K, V, L, B, O, R> antiJoin(Stream<K, L, Bounded, ?, ?> negative);

    /** This tick's new entries, as a bounded batch. Only for top-level keyed streams. */
    BoundedKeyedStream<K, V, L, O, R> batch(Tick<L> tick, NonDet nondet);

    /** Sends each value to the cluster member its key names. The sender here is a process. */
    <D extends Location<D>, R2 extends Delivery> Stream<V, D, Unbounded, O, R2> demuxBincode(
            Target.ProcessFanOut<D, ? super L, ? super R, R2, ? super K> destination);

    /** Sends each value from each sending member to the cluster member its key names, keyed by sender. */
    <D extends Location<D>, R2 extends Delivery> KeyedStream<MemberId<L>, V, D, Unbounded, O, R2> demuxBincode(
            Target.ClusterFanOut<D, ? super L, ? super R, R2, ? super K> destination);
}
