package dev.hydro.stream;

import dev.hydro.location.Location;
import java.util.function.Function;

/**
 * One value per key inside a tick, whose entries can be read as a bounded stream.
 *
 * <pre>{@code
 * counts.snapshot(tick, nondet).entries()
 *       .sort(Comparator.comparing(KeyValue::value))
 *       .allTicks();
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <L> location
 */
public interface BoundedKeyedSingleton<K, V, L extends Location<L>> extends KeyedSingleton<K, V, L, Bounded> {

    @Override
    <U> BoundedKeyedSingleton<K, U, L> mapValues(Function<? super V, ? extends U> f);

    /** Every key with its value in this tick. No order across keys. */
    BoundedStream<KeyValue<K, V>, L, NoOrder, ExactlyOnce> entries();

    /** The keys in this tick. */
    BoundedStream<K, L, NoOrder, ExactlyOnce> keys();
}
