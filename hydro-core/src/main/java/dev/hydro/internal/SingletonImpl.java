package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Tick;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.BoundedSingleton;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.Singleton;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The implementation of both singleton types. Engine internal.
 *
 * <pre>{@code
 * SingletonImpl total = stream.fold(Fold.count());
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class SingletonImpl extends Nodes implements BoundedSingleton {

    public SingletonImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    @Override
    public SingletonImpl map(Function f) {
        Objects.requireNonNull(f, "f");
        return new SingletonImpl(graph, derive("map", Shape.VALUE, c -> Values.map(f)));
    }

    @Override
    public SingletonImpl zip(Singleton other) {
        return new SingletonImpl(graph, binary("zip", Shape.VALUE, c -> Values.zip(), (Nodes) other,
                InputKind.PUSH, InputKind.PUSH));
    }

    @Override
    public OptionalImpl filter(Predicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new OptionalImpl(graph, derive("filter", Shape.VALUE, c -> Values.filter(predicate)));
    }

    @Override
    public SingletonImpl snapshot(Tick tick, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTick(tick, "snapshot");
        return new SingletonImpl(graph, crossTick("snapshot", true, Shape.VALUE, c -> Values.identity()));
    }

    @Override
    public StreamImpl sampleEvery(Duration interval, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTopLevel("sampleEvery");
        return new StreamImpl(graph, derive("sampleEvery", Shape.STREAM, c -> {
            SourceQueue timer = c.newSourceQueue();
            return new Values.Sample(timer, c.scheduler().every(interval, timer::offer), false);
        }));
    }

    @Override
    public StreamImpl intoStream() {
        return new StreamImpl(graph, derive("intoStream", Shape.STREAM, c -> new Values.IntoStream()));
    }

    @Override
    public SingletonImpl latest() {
        return new SingletonImpl(graph, crossTick("latest", false, Shape.VALUE, c -> Values.latest()));
    }
}
