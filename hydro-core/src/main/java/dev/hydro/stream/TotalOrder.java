package dev.hydro.stream;

/**
 * The elements of the stream arrive in one deterministic order, so order-sensitive operators such as
 * {@code enumerate}, {@code first} and ordinary folds are allowed.
 *
 * <pre>{@code
 * OrderedStream<Indexed<String>, Process<P>, Unbounded> numbered = process.sourceIter(words).enumerate();
 * }</pre>
 */
public interface TotalOrder extends NoOrder {
}
