package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.Tick;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * A stream of primitive {@code long} values: what {@link Stream#mapToLong} makes, for arithmetic chains that
 * should not allocate a box per element. The JIT removes a box that only lives inside an inlined chain, but
 * not the one {@code Integer.valueOf} or {@code Long.valueOf} returns (it may come from their cache), so a
 * {@code map(x -> x * 3)} on a {@code Stream<Integer>} allocates 16 bytes per element; the same chain here
 * passes the values as primitives from operator to operator. The guarantees {@code B}, {@code O} and
 * {@code R} are the ones of the stream it came from and are checked the same way: {@link #fold} takes a
 * {@link LongFold} whose requirements they meet. {@link #boxed()} returns to a {@link Stream} for everything
 * else (sending, keyed operators, sinks).
 *
 * <pre>{@code
 * BoundedSingleton<Long, Process<P>> evenTriplesThisTick = numbers
 *     .mapToLong(x -> x * 3L)
 *     .filter(x -> x % 2 == 0)
 *     .batch(process.tick(), NonDet.because("one tick's arrivals"))
 *     .fold(LongFold.sum());
 * }</pre>
 *
 * @param <L> location
 * @param <B> {@link Bounded} or {@link Unbounded}
 * @param <O> {@link TotalOrder} or {@link NoOrder}
 * @param <R> {@link ExactlyOnce} or {@link AtLeastOnce}
 */
public interface LongStream<L extends Location<L>, B extends Boundedness, O extends Ordering, R extends Delivery> {

    /** The location this stream lives at. */
    L location();

    /** Transforms every value. Stateless. */
    LongStream<L, B, O, R> map(LongUnaryOperator f);

    /** Keeps the values that match. Stateless. */
    LongStream<L, B, O, R> filter(LongPredicate predicate);

    /** Turns every value into an object. Stateless. */
    <U> Stream<U, L, B, O, R> mapToObj(LongFunction<? extends U> f);

    /** The values as {@code Long} objects. */
    Stream<Long, L, B, O, R> boxed();

    /**
     * Folds all values into one {@code long}; compiles only if the fold's requirements are met by this
     * stream's guarantees. On an unbounded stream the result is a running value.
     */
    Singleton<Long, L, B> fold(LongFold<? super O, ? super R> fold);

    /**
     * The values that arrived since the previous tick, as a bounded batch inside {@code tick}. Which values
     * form a batch depends on timing, hence the {@link NonDet}. Only for top-level streams.
     */
    BoundedLongStream<L, O, R> batch(Tick<L> tick, NonDet nondet);
}
