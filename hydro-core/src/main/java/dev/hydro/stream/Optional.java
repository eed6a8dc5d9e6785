package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.Tick;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A live value that may be absent: the result of a reduction, {@code first()}, {@code min}/{@code max} or a
 * filtered singleton. Hydro's {@code Optional}; not {@link java.util.Optional}.
 *
 * <pre>{@code
 * Optional<String, Process<P>, Unbounded> firstLine = lines.first();
 * Singleton<String, Process<P>, Unbounded> orEmpty = firstLine.unwrapOr("");
 * }</pre>
 *
 * @param <T> value type
 * @param <L> location
 * @param <B> boundedness
 */
public interface Optional<T, L extends Location<L>, B extends Boundedness> {

    /** The location this value lives at. */
    L location();

    /** Transforms the value if present. */
    <U> Optional<U, L, B> map(Function<? super T, ? extends U> f);

    /** Keeps the value if present and matching. */
    Optional<T, L, B> filter(Predicate<? super T> predicate);

    /** The value, or {@code fallback} while there is none. */
    Singleton<T, L, B> unwrapOr(T fallback);

    /** The value as of {@code tick}. */
    BoundedOptional<T, L> snapshot(Tick<L> tick, NonDet nondet);
}
