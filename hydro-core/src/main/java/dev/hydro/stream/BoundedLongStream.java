package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * One tick's batch of a {@link LongStream}: a fold over it covers only this tick and starts again from its
 * initial value every tick.
 *
 * <pre>{@code
 * BoundedLongStream<Process<P>, TotalOrder, ExactlyOnce> lengths =
 *     lines.batch(process.tick(), nondet).mapToLong(String::length);
 * BoundedSingleton<Long, Process<P>> charactersThisTick = lengths.fold(LongFold.sum());
 * }</pre>
 *
 * @param <L> location
 * @param <O> ordering
 * @param <R> delivery
 */
public interface BoundedLongStream<L extends Location<L>, O extends Ordering, R extends Delivery>
        extends LongStream<L, Bounded, O, R> {

    @Override
    BoundedLongStream<L, O, R> map(LongUnaryOperator f);

    @Override
    BoundedLongStream<L, O, R> filter(LongPredicate predicate);

    @Override
    <U> BoundedStream<U, L, O, R> mapToObj(LongFunction<? extends U> f);

    @Override
    BoundedStream<Long, L, O, R> boxed();

    @Override
    BoundedSingleton<Long, L> fold(LongFold<? super O, ? super R> fold);
}
