package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.Tick;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A single live value at a location: the result of a fold. At top level it is a running value that changes
 * from tick to tick; inside a tick ({@link BoundedSingleton}) it is that tick's value.
 *
 * <pre>{@code
 * Singleton<Long, Process<P>, Unbounded> total = numbers.fold(Fold.sumLong(n -> n));
 * OrderedStream<Long, Process<P>, Unbounded> everySecond = total.sampleEvery(Duration.ofSeconds(1), nondet);
 * }</pre>
 *
 * @param <T> value type
 * @param <L> location
 * @param <B> boundedness
 */
public interface Singleton<T, L extends Location<L>, B extends Boundedness> {

    /** The location this value lives at. */
    L location();

    /** Transforms the value. */
    <U> Singleton<U, L, B> map(Function<? super T, ? extends U> f);

    /** Combines this value with another singleton's. */
    <U> Singleton<Pair<T, U>, L, B> zip(Singleton<U, L, B> other);

    /** The value if it matches, else nothing. */
    Optional<T, L, B> filter(Predicate<? super T> predicate);

    /** The value as of {@code tick}. Which updates a snapshot sees depends on timing. */
    BoundedSingleton<T, L> snapshot(Tick<L> tick, NonDet nondet);

    /** Emits the current value every {@code interval}. */
    OrderedStream<T, L, Unbounded> sampleEvery(Duration interval, NonDet nondet);
}
