package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A value inside a tick: computed once the tick's inputs to it are complete, and gone at the end of the
 * tick unless carried on with {@link #latest()} or a {@link SingletonCycle}.
 *
 * <pre>{@code
 * BoundedSingleton<Long, Process<P>> linesThisTick = lines.batch(tick, nondet).count();
 * linesThisTick.intoStream().allTicks().forEach(n -> log.info("{} lines", n));
 * }</pre>
 *
 * @param <T> value type
 * @param <L> location
 */
public interface BoundedSingleton<T, L extends Location<L>> extends Singleton<T, L, Bounded> {

    @Override
    <U> BoundedSingleton<U, L> map(Function<? super T, ? extends U> f);

    @Override
    <U> BoundedSingleton<Pair<T, U>, L> zip(Singleton<U, L, Bounded> other);

    @Override
    BoundedOptional<T, L> filter(Predicate<? super T> predicate);

    /** The value as a one-element stream in this tick. */
    OrderedBoundedStream<T, L> intoStream();

    /** Leaves the tick: a top-level value that holds the latest tick's value. */
    Singleton<T, L, Unbounded> latest();
}
