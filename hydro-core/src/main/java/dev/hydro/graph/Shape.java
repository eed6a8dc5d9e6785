package dev.hydro.graph;

/**
 * What a node produces: a stream of elements, one value, or one value per key; or nothing (a sink).
 *
 * <pre>{@code
 * boolean pushes = node.shape() == Shape.STREAM;
 * }</pre>
 */
public enum Shape {
    STREAM, VALUE, KEYED_VALUE, SINK
}
