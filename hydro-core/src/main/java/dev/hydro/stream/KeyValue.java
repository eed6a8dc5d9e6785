package dev.hydro.stream;

/**
 * One entry of a keyed collection.
 *
 * <pre>{@code
 * KeyValue<String, Long> e = new KeyValue<>("hydro", 3L);
 * }</pre>
 */
public record KeyValue<K, V>(K key, V value) {
    /** Shorthand for {@code new KeyValue<>(key, value)}. */
    public static <K, V> KeyValue<K, V> of(K key, V value) {
        return new KeyValue<>(key, value);
    }
}
