package dev.hydro.stream;

import dev.hydro.location.Location;
import dev.hydro.location.Tick;
import java.util.function.Function;

/**
 * One live value per key: the result of a keyed fold. At top level each value is a running aggregate; read
 * it inside a tick with {@link #snapshot}.
 *
 * <pre>{@code
 * KeyedSingleton<String, Long, Process<Leader>, Unbounded> counts = ...;
 * BoundedStream<KeyValue<String, Long>, Process<Leader>, NoOrder, ExactlyOnce> now =
 *     counts.snapshot(tick, nondet).entries();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <L> location
 * @param <B> boundedness
 */
public interface KeyedSingleton<K, V, L extends Location<L>, B extends Boundedness> {

    /** The location these values live at. */
    L location();

    /** Transforms every value. */
    <U> KeyedSingleton<K, U, L, B> mapValues(Function<? super V, ? extends U> f);

    /** Every key's value as of {@code tick}. */
    BoundedKeyedSingleton<K, V, L> snapshot(Tick<L> tick, NonDet nondet);
}
