package dev.hydro.graph;

/**
 * How a node consumes one of its inputs, which decides the node's stratum.
 *
 * <pre>{@code
 * new Input(foldInput, InputKind.BLOCKING); // the fold answers only once its input is complete
 * }</pre>
 */
public enum InputKind {
    /** Elements flow through as they arrive; same stratum as the input. */
    PUSH,
    /** The input must be complete first: the node runs one stratum later. */
    BLOCKING,
    /** A back edge delivered in the next tick ({@code deferTick}, tick cycles). */
    NEXT_TICK,
    /** A back edge delivered within the same tick, iterated to a fixpoint (forward references). */
    FIXPOINT
}
