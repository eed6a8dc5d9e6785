package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Target;
import dev.hydro.location.Tick;
import dev.hydro.network.EdgeKind;
import dev.hydro.runtime.operator.Aggregates;
import dev.hydro.runtime.operator.Combinators;
import dev.hydro.runtime.operator.Transforms;
import dev.hydro.stream.BoundedKeyedStream;
import dev.hydro.stream.Fold;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.KeyedStream;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.Reduce;
import dev.hydro.stream.Stream;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The implementation of every keyed stream type: a stream of {@link KeyValue} entries. Engine internal.
 *
 * <pre>{@code
 * KeyedStreamImpl keyed = stream.intoKeyed(w -> w, w -> 1L);
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class KeyedStreamImpl extends Nodes implements BoundedKeyedStream {

    public KeyedStreamImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    private KeyedStreamImpl next(Node next) {
        return new KeyedStreamImpl(graph, next);
    }

    @Override
    public KeyedStreamImpl mapValues(Function f) {
        Objects.requireNonNull(f, "f");
        Function<Object, Object> onValue = e -> new KeyValue<>(((KeyValue) e).key(), f.apply(((KeyValue) e).value()));
        return next(derive("mapValues", Shape.STREAM, c -> new Transforms.Map(onValue)));
    }

    @Override
    public KeyedStreamImpl filterValues(Predicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        Predicate<Object> onValue = e -> predicate.test(((KeyValue) e).value());
        return next(derive("filterValues", Shape.STREAM, c -> new Transforms.Filter(onValue)));
    }

    @Override
    public KeyedSingletonImpl fold(Fold fold) {
        Objects.requireNonNull(fold, "fold");
        return new KeyedSingletonImpl(graph, deriveBlocking("keyed fold", Shape.KEYED_VALUE,
                c -> new Aggregates.KeyedFolding(fold::newAccumulator)));
    }

    @Override
    public KeyedSingletonImpl reduce(Reduce reduce) {
        Objects.requireNonNull(reduce, "reduce");
        return new KeyedSingletonImpl(graph, deriveBlocking("keyed reduce", Shape.KEYED_VALUE,
                c -> new Aggregates.KeyedFolding(reduce::newAccumulator)));
    }

    @Override
    public StreamImpl keys() {
        Function<KeyValue, Object> key = KeyValue::key;
        return new StreamImpl(graph, derive("keys", Shape.STREAM, c -> new Transforms.Map(key))).unique();
    }

    @Override
    public StreamImpl values() {
        return new StreamImpl(graph, derive("values", Shape.STREAM, c -> new Transforms.EntryValue()));
    }

    @Override
    public StreamImpl entries() {
        return new StreamImpl(graph, node);
    }

    @Override
    public KeyedStreamImpl join(KeyedStream other) {
        return next(binary("join", Shape.STREAM, c -> new Combinators.Join(), (Nodes) other,
                InputKind.PUSH, InputKind.PUSH));
    }

    @Override
    public KeyedStreamImpl antiJoin(Stream negative) {
        Nodes negativeNodes = (Nodes) negative;
        if (negativeNodes.node.location() != node.location()) {
            throw new IllegalArgumentException("antiJoin needs both inputs at one location, but got '"
                    + node.location().name() + "' and '" + negativeNodes.node.location().name() + "'");
        }
        return next(graph.add("antiJoin", node.location(), node.inTick(), Shape.STREAM,
                c -> new Combinators.AntiJoin(), java.util.List.of(push(this),
                        new dev.hydro.graph.Input(negativeNodes.node, InputKind.BLOCKING))));
    }

    @Override
    public KeyedStreamImpl batch(Tick tick, NonDet nondet) {
        return next(batchNode(tick, nondet));
    }

    @Override
    public KeyedStreamImpl allTicks() {
        return next(crossTick("allTicks", false, Shape.STREAM, c -> new Combinators.Interleave()));
    }

    @Override
    public StreamImpl demuxBincode(Target.ProcessFanOut destination) {
        return new StreamImpl(graph, sendOver(destination, EdgeKind.DEMUX, true));
    }

    @Override
    public KeyedStreamImpl demuxBincode(Target.ClusterFanOut destination) {
        return next(sendOver(destination, EdgeKind.DEMUX, true));
    }
}
