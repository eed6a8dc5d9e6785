package dev.hydro.graph;

import dev.hydro.location.Location;
import dev.hydro.network.NetworkEdge;
import dev.hydro.runtime.OperatorFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One operator of a flow graph, at one location. Nodes are numbered in creation order, which is a
 * topological order once back edges ({@link InputKind#NEXT_TICK}, {@link InputKind#FIXPOINT}) are set aside.
 *
 * <pre>{@code
 * for (Node node : flow.build().nodes()) System.out.println(node.id() + " " + node.label());
 * }</pre>
 */
public final class Node {

    private final int id;
    private final String label;
    private final Location<?> location;
    private final boolean inTick;
    private final Shape shape;
    private final OperatorFactory factory;
    private final NetworkEdge edge;
    private final List<Input> inputs = new ArrayList<>();
    private final boolean needsCompletion;
    private boolean completed;

    Node(int id, String label, Location<?> location, boolean inTick, Shape shape, OperatorFactory factory,
            NetworkEdge edge, List<Input> inputs, boolean needsCompletion) {
        this.id = id;
        this.label = label;
        this.location = location;
        this.inTick = inTick;
        this.shape = shape;
        this.factory = factory;
        this.edge = edge;
        this.inputs.addAll(inputs);
        this.needsCompletion = needsCompletion;
    }

    /** Position in creation order. */
    public int id() {
        return id;
    }

    /** The operator's name, e.g. {@code map} or {@code fold}. */
    public String label() {
        return label;
    }

    /** The location the node runs at. */
    public Location<?> location() {
        return location;
    }

    /** Whether the node is inside a tick (its state resets every tick). */
    public boolean inTick() {
        return inTick;
    }

    /** What the node produces. */
    public Shape shape() {
        return shape;
    }

    /** Creates the node's runtime operator. */
    public OperatorFactory factory() {
        return factory;
    }

    /** The network edge this node sends on or receives from, or {@code null}. */
    public NetworkEdge edge() {
        return edge;
    }

    /** The node's inputs, in port order. */
    public List<Input> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Whether this is a forward reference or cycle that still waits for its definition. */
    public boolean awaitsCompletion() {
        return needsCompletion && !completed;
    }

    void complete(Input definition) {
        if (!needsCompletion) {
            throw new IllegalStateException(label + " is not a forward reference");
        }
        if (completed) {
            throw new IllegalStateException(label + " (node " + id + ") was already completed");
        }
        inputs.add(definition);
        completed = true;
    }

    @Override
    public String toString() {
        return label + "#" + id + "@" + location.name();
    }
}
