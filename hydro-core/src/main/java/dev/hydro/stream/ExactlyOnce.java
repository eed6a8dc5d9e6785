package dev.hydro.stream;

/**
 * Every element is delivered exactly once.
 *
 * <pre>{@code
 * OrderedStream<String, Process<P>, Unbounded> lines = process.sourceIter(List.of("a", "b"));
 * }</pre>
 */
public interface ExactlyOnce extends AtLeastOnce {
}
