package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Input;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Location;
import dev.hydro.runtime.operator.Sources;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.Singleton;
import dev.hydro.stream.SingletonCycle;
import dev.hydro.stream.Stream;
import dev.hydro.stream.TickCycle;
import dev.hydro.stream.TickForwardRef;

/**
 * Forward references and tick cycles: a node created now whose input is defined later. Engine internal.
 *
 * <pre>{@code
 * TickCycle<Long, Process<P>> cycle = Cycles.tickCycle(graph, process);
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class Cycles {

    private Cycles() {
    }

    /** {@code tick.cycle()}. */
    public static TickCycle tickCycle(GraphBuilder graph, Location<?> location) {
        Node node = graph.addAwaitingCompletion("tick cycle", location, true, Shape.STREAM,
                c -> new Sources.NextTick());
        StreamImpl stream = new StreamImpl(graph, node);
        return new TickCycle() {
            @Override
            public StreamImpl stream() {
                return stream;
            }

            @Override
            public void completeNextTick(Stream next) {
                complete(graph, node, (Nodes) next, InputKind.NEXT_TICK, true);
            }
        };
    }

    /** {@code tick.cycleWithInitial(value)}. */
    public static SingletonCycle singletonCycle(GraphBuilder graph, Location<?> location, Object initial) {
        Node node = graph.addAwaitingCompletion("singleton cycle", location, true, Shape.VALUE,
                c -> new Values.Carried(initial));
        SingletonImpl singleton = new SingletonImpl(graph, node);
        return new SingletonCycle() {
            @Override
            public SingletonImpl singleton() {
                return singleton;
            }

            @Override
            public void completeNextTick(Singleton next) {
                complete(graph, node, (Nodes) next, InputKind.NEXT_TICK, true);
            }
        };
    }

    /** {@code tick.forwardRef()} (inside a tick) or {@code location.forwardRef()} (top level). */
    public static TickForwardRef forwardRef(GraphBuilder graph, Location<?> location, boolean inTick) {
        Node node = graph.addAwaitingCompletion("forward ref", location, inTick, Shape.STREAM,
                c -> new Sources.FixpointRef());
        StreamImpl stream = new StreamImpl(graph, node);
        return new TickForwardRef() {
            @Override
            public StreamImpl stream() {
                return stream;
            }

            @Override
            public void complete(Stream definition) {
                Cycles.complete(graph, node, (Nodes) definition, InputKind.FIXPOINT, inTick);
            }
        };
    }

    private static void complete(GraphBuilder graph, Node node, Nodes definition, InputKind kind, boolean inTick) {
        if (definition.node.location() != node.location() || definition.node.inTick() != inTick) {
            throw new IllegalArgumentException("a cycle must be completed at its own location and scope ('"
                    + node.location().name() + "', " + (inTick ? "inside the tick" : "top level") + ")");
        }
        graph.complete(node, new Input(definition.node, kind));
    }
}
