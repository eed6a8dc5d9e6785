package dev.hydro.runtime;

import java.util.function.BiConsumer;

/**
 * The value of a keyed-singleton operator: one current value per key.
 *
 * <pre>{@code
 * keyedValues.forEach((key, value) -> System.out.println(key + "=" + value));
 * }</pre>
 */
public interface KeyedValues {

    /** Visits every key and its current value. */
    void forEach(BiConsumer<Object, Object> visitor);

    /** The value of one key, or {@code null}. */
    Object get(Object key);

    /** The number of keys. */
    int size();
}
