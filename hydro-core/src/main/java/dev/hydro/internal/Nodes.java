package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Input;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Location;
import dev.hydro.location.Target;
import dev.hydro.location.Tick;
import dev.hydro.network.EdgeKind;
import dev.hydro.network.NetworkEdge;
import dev.hydro.runtime.OperatorFactory;
import dev.hydro.runtime.operator.Combinators;
import dev.hydro.runtime.operator.Network;
import dev.hydro.stream.NonDet;
import java.util.List;
import java.util.Objects;

/**
 * The common base of the live-collection implementations: one graph node at one location, and helpers that
 * append the next node. Engine internal.
 *
 * <pre>{@code
 * Node mapped = collection.derive("map", Shape.STREAM, c -> new Transforms.Map(f));
 * }</pre>
 */
abstract class Nodes {

    final GraphBuilder graph;
    final Node node;

    Nodes(GraphBuilder graph, Node node) {
        this.graph = graph;
        this.node = node;
    }

    public final Location<?> location() {
        return node.location();
    }

    /** A node at the same location and scope, consuming this one as a push input. */
    final Node derive(String label, Shape shape, OperatorFactory factory) {
        return graph.add(label, node.location(), node.inTick(), shape, factory, List.of(push(this)));
    }

    /** A node at the same location and scope, consuming this one through a blocking input. */
    final Node deriveBlocking(String label, Shape shape, OperatorFactory factory) {
        return graph.add(label, node.location(), node.inTick(), shape, factory,
                List.of(new Input(node, InputKind.BLOCKING)));
    }

    /** A node crossing the tick boundary: into the tick ({@code inTick}) or out of it. */
    final Node crossTick(String label, boolean inTick, Shape shape, OperatorFactory factory) {
        return graph.add(label, node.location(), inTick, shape, factory, List.of(push(this)));
    }

    final Node binary(String label, Shape shape, OperatorFactory factory, Nodes other, InputKind firstKind,
            InputKind secondKind) {
        requireSameLocation(other, label);
        return graph.add(label, node.location(), node.inTick(), shape, factory,
                List.of(new Input(node, firstKind), new Input(other.node, secondKind)));
    }

    final void requireSameLocation(Nodes other, String operator) {
        if (other.node.location() != node.location()) {
            throw new IllegalArgumentException(operator + " needs both inputs at one location, but got '"
                    + node.location().name() + "' and '" + other.node.location().name() + "'");
        }
        if (other.node.inTick() != node.inTick()) {
            throw new IllegalArgumentException(operator + " cannot combine a stream inside a tick with a top-level"
                    + " one; use batch(tick, nondet) or allTicks() first");
        }
    }

    final void requireTopLevel(String operator) {
        if (node.inTick()) {
            throw new IllegalStateException(operator + " takes a top-level collection, but this one is already"
                    + " inside the tick of '" + node.location().name() + "'");
        }
    }

    final void requireTick(Tick<?> tick, String operator) {
        requireTopLevel(operator);
        if (tick.location() != node.location()) {
            throw new IllegalArgumentException(operator + ": the tick belongs to '" + tick.location().name()
                    + "' but the collection lives at '" + node.location().name() + "'");
        }
    }

    /** The node of {@code batch(tick, nondet)}: this top-level collection's arrivals as one tick's batch. */
    final Node batchNode(Tick<?> tick, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTick(tick, "batch");
        return crossTick("batch", true, Shape.STREAM, c -> new Combinators.Interleave());
    }

    /** Appends the sending end of a network edge and returns the receiving end. */
    final Node sendOver(Target.Destination destination, EdgeKind kind, boolean bincode) {
        Location<?> to = destination.destination();
        if (!to.sameFlow(node.location())) {
            throw new IllegalArgumentException("cannot send from '" + node.location().name() + "' to '" + to.name()
                    + "': the destination belongs to another flow");
        }
        NetworkEdge edge = graph.newEdge(node.location(), to, kind, bincode, destination.requiresExactlyOnce());
        graph.addNetwork(bincode ? kind.label() + " bincode" : "send bytes", node.location(), Shape.SINK,
                c -> new Network.Send(edge, c), edge, List.of(push(this)));
        return graph.addNetwork("receive", to, Shape.STREAM, c -> new Network.Receive(edge, c), edge, List.of());
    }

    static Input push(Nodes nodes) {
        return new Input(nodes.node, InputKind.PUSH);
    }
}
