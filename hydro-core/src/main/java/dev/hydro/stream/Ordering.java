package dev.hydro.stream;

/**
 * Phantom type for the ordering guarantee of a stream: {@link TotalOrder} or {@link NoOrder}.
 * {@code TotalOrder} is a subtype of {@code NoOrder}, so a function that needs no order
 * ({@code ? super NoOrder}) accepts both, while one that needs order accepts only {@code TotalOrder}.
 *
 * <pre>{@code
 * Stream<Integer, Process<P>, Unbounded, NoOrder, ExactlyOnce> any = ordered.weakenOrdering();
 * }</pre>
 */
public interface Ordering {
}
