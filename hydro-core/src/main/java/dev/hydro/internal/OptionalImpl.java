package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Tick;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.BoundedOptional;
import dev.hydro.stream.NonDet;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The implementation of both optional types; an absent value is {@code null} at run time. Engine internal.
 *
 * <pre>{@code
 * OptionalImpl first = stream.first();
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class OptionalImpl extends Nodes implements BoundedOptional {

    public OptionalImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    @Override
    public OptionalImpl map(Function f) {
        Objects.requireNonNull(f, "f");
        return new OptionalImpl(graph, derive("map", Shape.VALUE, c -> Values.map(f)));
    }

    @Override
    public OptionalImpl filter(Predicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new OptionalImpl(graph, derive("filter", Shape.VALUE, c -> Values.filter(predicate)));
    }

    @Override
    public SingletonImpl unwrapOr(Object fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return new SingletonImpl(graph, derive("unwrapOr", Shape.VALUE, c -> Values.unwrapOr(fallback)));
    }

    @Override
    public OptionalImpl snapshot(Tick tick, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTick(tick, "snapshot");
        return new OptionalImpl(graph, crossTick("snapshot", true, Shape.VALUE, c -> Values.identity()));
    }

    @Override
    public StreamImpl intoStream() {
        return new StreamImpl(graph, derive("intoStream", Shape.STREAM, c -> new Values.IntoStream()));
    }

    @Override
    public OptionalImpl latest() {
        return new OptionalImpl(graph, crossTick("latest", false, Shape.VALUE, c -> Values.latest()));
    }
}
