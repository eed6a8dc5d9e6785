package dev.hydro.stream;

/**
 * Two values, as produced by {@code crossProduct}, {@code crossSingleton}, {@code zip} and keyed joins.
 *
 * <pre>{@code
 * Pair<String, Integer> p = new Pair<>("a", 1); // p.first() == "a"
 * }</pre>
 */
public record Pair<A, B>(A first, B second) {
}
