package dev.hydro.graph;

/**
 * One input edge of a node.
 *
 * <pre>{@code
 * Input in = new Input(source, InputKind.PUSH);
 * }</pre>
 *
 * @param node the node feeding this input
 * @param kind how it is consumed
 */
public record Input(Node node, InputKind kind) {
}
