package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.MemberId;
import dev.hydro.location.Target;
import dev.hydro.location.Tick;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A live, typed, infinite sequence of elements at one location. The type says what is safe to do with it:
 * {@code B} whether it is one tick's bounded batch or a top-level unbounded stream, {@code O} whether its
 * order is deterministic, {@code R} whether elements may be redelivered. Operators that need a stronger
 * guarantee than the type carries do not compile; widening a guarantee is free, narrowing one needs a
 * {@link NonDet}. Building a stream only adds nodes to the flow graph: nothing runs until deployment.
 *
 * <p>Top-level operators process each tick's new elements but keep their state forever (a {@code unique}
 * remembers every element ever seen); operators on a {@link BoundedStream} reset at the end of every tick.
 *
 * <pre>{@code
 * Stream<Pair<String, Integer>, Process<Leader>, Unbounded, NoOrder, ExactlyOnce> pairs =
 *     names.crossProduct(numbers);
 * }</pre>
 *
 * @param <T> element type
 * @param <L> the location the stream lives at
 * @param <B> {@link Bounded} or {@link Unbounded}
 * @param <O> {@link TotalOrder} or {@link NoOrder}
 * @param <R> {@link ExactlyOnce} or {@link AtLeastOnce}
 */
public interface Stream<T, L extends Location<L>, B extends Boundedness, O extends Ordering, R extends Delivery> {

    /** The location this stream lives at. */
    L location();

    /** Transforms every element. Stateless. */
    <U> Stream<U, L, B, O, R> map(Function<? super T, ? extends U> f);

    /** Replaces every element by the elements of an iterable, in order. Stateless. */
    <U> Stream<U, L, B, O, R> flatMap(Function<? super T, ? extends Iterable<? extends U>> f);

    /**
     * Turns every element into a primitive {@code long}, for arithmetic that should allocate nothing per
     * element: see {@link LongStream}. Stateless.
     */
    LongStream<L, B, O, R> mapToLong(ToLongFunction<? super T> f);

    /** Keeps the elements that match. Stateless. */
    Stream<T, L, B, O, R> filter(Predicate<? super T> predicate);

    /** Transforms every element and keeps the present results. Stateless. */
    <U> Stream<U, L, B, O, R> filterMap(Function<? super T, ? extends java.util.Optional<? extends U>> f);

    /** Calls {@code action} on every element as it passes, for logging or metrics. Stateless. */
    Stream<T, L, B, O, R> inspect(Consumer<? super T> action);

    /** Drops elements equal to one seen before (in this tick for a bounded stream, ever for an unbounded one). */
    Stream<T, L, B, O, R> unique();

    /**
     * Aggregates all elements. Compiles only if the fold's requirements are met by this stream's guarantees:
     * see {@link Fold}. On an unbounded stream the result is a running value.
     */
    <A> Singleton<A, L, B> fold(Fold<? super T, A, ? super O, ? super R> fold);

    /** Reduces all elements; empty until the first element arrives. Requirements are checked like {@link #fold}. */
    Optional<T, L, B> reduce(Reduce<T, ? super O, ? super R> reduce);

    /** The smallest element so far. Commutative and idempotent, so allowed on every stream. */
    Optional<T, L, B> min(Comparator<? super T> comparator);

    /** The largest element so far. Commutative and idempotent, so allowed on every stream. */
    Optional<T, L, B> max(Comparator<? super T> comparator);

    /** Merges two streams as elements arrive. The result has no deterministic order. */
    Stream<T, L, B, NoOrder, R> interleave(Stream<T, L, B, ?, R> other);

    /** Every pair of an element of this stream and one of {@code other}. Stateful, unordered. */
    <U> Stream<Pair<T, U>, L, B, NoOrder, R> crossProduct(Stream<U, L, B, ?, R> other);

    /** Views the elements as key/value entries, keeping this stream's guarantees per key. */
    <K, V> KeyedStream<K, V, L, B, O, R> intoKeyed(Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value);

    /** Forgets the order: free, because less is promised. */
    Stream<T, L, B, NoOrder, R> weakenOrdering();

    /** Forgets exactly-once delivery: free, because less is promised. */
    Stream<T, L, B, O, AtLeastOnce> weakenDelivery();

    /**
     * Treats the arrival order of an exactly-once stream as its order. Nondeterministic: another run may
     * see another order, so the reason must be given.
     */
    OrderedStream<T, L, B> assumeOrdering(Assumption.OnExactlyOnce<? super R> nondet);

    /** Treats the arrival order as the stream's order (for an at-least-once stream). */
    Stream<T, L, B, TotalOrder, R> assumeOrdering(Assumption nondet);

    /** Treats the stream as free of duplicates. Nondeterministic: redelivery would be counted. */
    Stream<T, L, B, O, ExactlyOnce> assumeExactlyOnce(NonDet nondet);

    /**
     * The elements that arrived since the previous tick, as a bounded batch inside {@code tick}. Which
     * elements form a batch depends on timing, hence the {@link NonDet}. Only for top-level streams.
     */
    BoundedStream<T, L, O, R> batch(Tick<L> tick, NonDet nondet);

    /** Every {@code interval}, emits the most recent element that arrived since the previous sample, if any. */
    Stream<T, L, Unbounded, O, R> sampleEvery(Duration interval, NonDet nondet);

    /**
     * Sends every element to the named external output: a Spring Cloud Stream output binding in a Spring
     * application, a list you can read in a {@code LocalDeployment}. A sink.
     */
    void destSink(String outputName);

    /** Sends every element to a process, serialized with Jackson Smile. The sender here is a process. */
    <D extends Location<D>, R2 extends Delivery> Stream<T, D, Unbounded, O, R2> sendBincode(
            Target.ProcessSend<D, ? super L, ? super R, R2> destination);

    /** Sends every element from each cluster member to a process, which sees it keyed by the sender. */
    <D extends Location<D>, R2 extends Delivery> KeyedStream<MemberId<L>, T, D, Unbounded, O, R2> sendBincode(
            Target.ClusterSend<D, ? super L, ? super R, R2> destination);

    /** Sends raw bytes to a process, unchanged. Only compiles on a stream of {@code byte[]}. */
    <D extends Location<D>, R2 extends Delivery> Stream<byte[], D, Unbounded, O, R2> sendBytes(
            Target.ProcessBytes<D, ? super L, ? super R, R2, ? super T> destination);

    /** Sends raw bytes from each cluster member to a process, keyed by sender. */
    <D extends Location<D>, R2 extends Delivery> KeyedStream<MemberId<L>, byte[], D, Unbounded, O, R2> sendBytes(
            Target.ClusterBytes<D, ? super L, ? super R, R2, ? super T> destination);

    /** Sends every element to every member of a cluster. */
    <D extends Location<D>, R2 extends Delivery> Stream<T, D, Unbounded, O, R2> broadcastBincode(
            Target.ProcessFanOut<D, ? super L, ? super R, R2, ?> destination);

    /** Sends every element of every sending member to every member of a cluster, keyed by sender. */
    <D extends Location<D>, R2 extends Delivery> KeyedStream<MemberId<L>, T, D, Unbounded, O, R2> broadcastBincode(
            Target.ClusterFanOut<D, ? super L, ? super R, R2, ?> destination);

    /** Sends each element to the next member of a cluster in turn. */
    <D extends Location<D>, R2 extends Delivery> Stream<T, D, Unbounded, O, R2> roundRobinBincode(
            Target.ProcessFanOut<D, ? super L, ? super R, R2, ?> destination);

    /** Sends each element of each sending member to the next member of a cluster in turn, keyed by sender. */
    <D extends Location<D>, R2 extends Delivery> KeyedStream<MemberId<L>, T, D, Unbounded, O, R2> roundRobinBincode(
            Target.ClusterFanOut<D, ? super L, ? super R, R2, ?> destination);
}
