package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Tick;
import dev.hydro.runtime.operator.Aggregates;
import dev.hydro.runtime.operator.Transforms;
import dev.hydro.stream.BoundedLongStream;
import dev.hydro.stream.LongFold;
import dev.hydro.stream.NonDet;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * The one implementation of {@link dev.hydro.stream.LongStream} and {@link BoundedLongStream}: one node whose
 * operator pushes primitive values. Engine internal.
 *
 * <pre>{@code
 * LongStreamImpl lengths = stream.mapToLong(String::length);
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class LongStreamImpl extends Nodes implements BoundedLongStream {

    public LongStreamImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    private LongStreamImpl next(Node next) {
        return new LongStreamImpl(graph, next);
    }

    @Override
    public LongStreamImpl map(LongUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        return next(derive("map", Shape.STREAM, c -> new Transforms.LongMap(f)));
    }

    @Override
    public LongStreamImpl filter(LongPredicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return next(derive("filter", Shape.STREAM, c -> new Transforms.LongFilter(predicate)));
    }

    @Override
    public StreamImpl mapToObj(LongFunction f) {
        Objects.requireNonNull(f, "f");
        return new StreamImpl(graph, derive("mapToObj", Shape.STREAM, c -> new Transforms.LongToObject(f)));
    }

    @Override
    public StreamImpl boxed() {
        return new StreamImpl(graph, derive("boxed", Shape.STREAM, c -> new Transforms.LongToObject(Long::valueOf)));
    }

    @Override
    public SingletonImpl fold(LongFold fold) {
        Objects.requireNonNull(fold, "fold");
        long initial = fold.initial();
        return new SingletonImpl(graph, deriveBlocking("fold", Shape.VALUE,
                c -> new Aggregates.LongFolding(initial, fold.step())));
    }

    @Override
    public LongStreamImpl batch(Tick tick, NonDet nondet) {
        return next(batchNode(tick, nondet));
    }
}
