package dev.hydro.stream;

/**
 * Phantom type for the delivery guarantee of a stream: {@link ExactlyOnce} or {@link AtLeastOnce}.
 * {@code ExactlyOnce} is a subtype of {@code AtLeastOnce}: what is safe under redelivery is safe without it.
 *
 * <pre>{@code
 * Stream<Long, Process<Leader>, Unbounded, NoOrder, AtLeastOnce> maybeTwice = received.values();
 * }</pre>
 */
public interface Delivery {
}
