package dev.hydro.stream;

/**
 * Every element is delivered, but some may be delivered more than once (for example after a restart on a
 * Kafka edge without transactions). Only idempotent aggregations compile on such a stream.
 *
 * <pre>{@code
 * Optional<Long, Process<Leader>, Unbounded> max = maybeTwice.max(Comparator.naturalOrder());
 * }</pre>
 */
public interface AtLeastOnce extends Delivery {
}
