package dev.hydro.stream;

/**
 * An element with its position in a totally ordered stream, as produced by {@code enumerate()}.
 *
 * <pre>{@code
 * Indexed<String> first = new Indexed<>(0, "a");
 * }</pre>
 */
public record Indexed<T>(long index, T value) {
}
