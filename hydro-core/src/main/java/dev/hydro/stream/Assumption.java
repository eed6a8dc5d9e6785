package dev.hydro.stream;

/**
 * The type side of a {@link NonDet}: operators that narrow a guarantee take an {@code Assumption}. A
 * {@code NonDet} is an {@code Assumption.OnExactlyOnce<ExactlyOnce>}; an overload taking
 * {@code OnExactlyOnce<? super R>} is applicable only when the stream's delivery {@code R} is
 * {@link ExactlyOnce}, which is how {@code assumeOrdering} returns an {@link OrderedStream} exactly when
 * that is sound. Users only ever pass {@code NonDet.because("...")}.
 *
 * <pre>{@code
 * OrderedStream<String, Process<P>, Unbounded> ordered =
 *     merged.assumeOrdering(NonDet.because("the log accepts lines in arrival order"));
 * }</pre>
 */
public sealed interface Assumption permits Assumption.OnExactlyOnce {

    /** Why the nondeterminism is acceptable. */
    String reason();

    /**
     * An assumption made about an exactly-once stream.
     *
     * @param <R> the delivery guarantee it is valid for
     */
    sealed interface OnExactlyOnce<R> extends Assumption permits NonDet {
    }
}
