package dev.hydro.stream;

/**
 * The elements of the stream have no deterministic order, for example because they were merged from
 * several senders. Only commutative aggregations compile on such a stream.
 *
 * <pre>{@code
 * Stream<String, Process<Leader>, Unbounded, NoOrder, AtLeastOnce> words = fromWorkers.values();
 * }</pre>
 */
public interface NoOrder extends Ordering {
}
