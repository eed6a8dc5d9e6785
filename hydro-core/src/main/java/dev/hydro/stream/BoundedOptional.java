package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A possibly absent value inside a tick.
 *
 * <pre>{@code
 * BoundedOptional<String, Process<P>> lastLine = lines.batch(tick, nondet).last();
 * lastLine.intoStream().allTicks().forEach(System.out::println);
 * }</pre>
 *
 * @param <T> value type
 * @param <L> location
 */
public interface BoundedOptional<T, L extends Location<L>> extends Optional<T, L, Bounded> {

    @Override
    <U> BoundedOptional<U, L> map(Function<? super T, ? extends U> f);

    @Override
    BoundedOptional<T, L> filter(Predicate<? super T> predicate);

    @Override
    BoundedSingleton<T, L> unwrapOr(T fallback);

    /** The value as a stream of zero or one element in this tick. */
    OrderedBoundedStream<T, L> intoStream();

    /** Leaves the tick: a top-level value holding the most recent present value. */
    Optional<T, L, Unbounded> latest();
}
