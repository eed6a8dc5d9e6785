package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Tick;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.BoundedKeyedSingleton;
import dev.hydro.stream.NonDet;
import java.util.Objects;
import java.util.function.Function;

/**
 * The implementation of both keyed-singleton types. Engine internal.
 *
 * <pre>{@code
 * KeyedSingletonImpl counts = keyed.fold(Fold.count());
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class KeyedSingletonImpl extends Nodes implements BoundedKeyedSingleton {

    public KeyedSingletonImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    @Override
    public KeyedSingletonImpl mapValues(Function f) {
        Objects.requireNonNull(f, "f");
        return new KeyedSingletonImpl(graph, derive("mapValues", Shape.KEYED_VALUE, c -> Values.mapKeyedValues(f)));
    }

    @Override
    public KeyedSingletonImpl snapshot(Tick tick, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTick(tick, "snapshot");
        return new KeyedSingletonImpl(graph, crossTick("snapshot", true, Shape.KEYED_VALUE, c -> Values.identity()));
    }

    @Override
    public StreamImpl entries() {
        return new StreamImpl(graph, derive("entries", Shape.STREAM, c -> new Values.Entries(false)));
    }

    @Override
    public StreamImpl keys() {
        return new StreamImpl(graph, derive("keys", Shape.STREAM, c -> new Values.Entries(true)));
    }
}
