package dev.hydro.internal;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Location;
import dev.hydro.location.Target;
import dev.hydro.location.Tick;
import dev.hydro.network.EdgeKind;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.runtime.operator.Aggregates;
import dev.hydro.runtime.operator.Combinators;
import dev.hydro.runtime.operator.Transforms;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.Fold;
import dev.hydro.stream.Assumption;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.OrderedBoundedStream;
import dev.hydro.stream.Reduce;
import dev.hydro.stream.Singleton;
import dev.hydro.stream.Stream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The one implementation of every stream type. The public interfaces differ only in what the compiler
 * allows; at run time a stream is one node. Guarantee changes ({@code weaken*}, {@code assume*}) return the
 * same object, so they cost nothing. Engine internal.
 *
 * <pre>{@code
 * OrderedStream<Integer, Process<P>, Unbounded> s = Streams.source(graph, process, "sourceIter", factory);
 * }</pre>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class StreamImpl extends Nodes implements OrderedBoundedStream {

    public StreamImpl(GraphBuilder graph, Node node) {
        super(graph, node);
    }

    private StreamImpl next(Node next) {
        return new StreamImpl(graph, next);
    }

    @Override
    public StreamImpl map(Function f) {
        Objects.requireNonNull(f, "f");
        return next(derive("map", Shape.STREAM, c -> new Transforms.Map(f)));
    }

    @Override
    public StreamImpl flatMap(Function f) {
        Objects.requireNonNull(f, "f");
        return next(derive("flatMap", Shape.STREAM, c -> new Transforms.FlatMap(f)));
    }

    @Override
    public LongStreamImpl mapToLong(ToLongFunction f) {
        Objects.requireNonNull(f, "f");
        return new LongStreamImpl(graph, derive("mapToLong", Shape.STREAM, c -> new Transforms.MapToLong(f)));
    }

    @Override
    public StreamImpl filter(Predicate predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return next(derive("filter", Shape.STREAM, c -> new Transforms.Filter(predicate)));
    }

    @Override
    public StreamImpl filterMap(Function f) {
        Objects.requireNonNull(f, "f");
        return next(derive("filterMap", Shape.STREAM, c -> new Transforms.FilterMap(f)));
    }

    @Override
    public StreamImpl inspect(Consumer action) {
        Objects.requireNonNull(action, "action");
        return next(derive("inspect", Shape.STREAM, c -> new Transforms.Inspect(action)));
    }

    @Override
    public StreamImpl unique() {
        return next(derive("unique", Shape.STREAM, c -> new Transforms.Unique()));
    }

    @Override
    public StreamImpl enumerate() {
        return next(derive("enumerate", Shape.STREAM, c -> new Transforms.Enumerate()));
    }

    @Override
    public SingletonImpl fold(Fold fold) {
        Objects.requireNonNull(fold, "fold");
        return new SingletonImpl(graph, deriveBlocking("fold", Shape.VALUE,
                c -> new Aggregates.Folding(fold::newAccumulator)));
    }

    @Override
    public OptionalImpl reduce(Reduce reduce) {
        Objects.requireNonNull(reduce, "reduce");
        return new OptionalImpl(graph, deriveBlocking("reduce", Shape.VALUE,
                c -> new Aggregates.Folding(reduce::newAccumulator)));
    }

    @Override
    public OptionalImpl min(Comparator comparator) {
        Objects.requireNonNull(comparator, "comparator");
        return reduce(Reduce.commutativeIdempotent((a, b) -> comparator.compare(a, b) <= 0 ? a : b));
    }

    @Override
    public OptionalImpl max(Comparator comparator) {
        Objects.requireNonNull(comparator, "comparator");
        return reduce(Reduce.commutativeIdempotent((a, b) -> comparator.compare(a, b) >= 0 ? a : b));
    }

    @Override
    public OptionalImpl first() {
        return reduce(Reduce.first());
    }

    @Override
    public OptionalImpl last() {
        return reduce(Reduce.ordered((a, b) -> b));
    }

    @Override
    public SingletonImpl count() {
        return fold(Fold.count());
    }

    @Override
    public SingletonImpl fold(Supplier init, BiFunction step) {
        return fold(Fold.ordered(init, step));
    }

    @Override
    public OptionalImpl reduce(BinaryOperator combine) {
        return reduce(Reduce.ordered(combine));
    }

    @Override
    public void forEach(Consumer action) {
        Objects.requireNonNull(action, "action");
        derive("forEach", Shape.SINK, c -> new Transforms.Sink(action));
    }

    @Override
    public void destSink(String outputName) {
        Objects.requireNonNull(outputName, "outputName");
        graph.registerOutput(outputName, node.location());
        derive("destSink " + outputName, Shape.SINK, c -> new Transforms.Sink(c.output(outputName)));
    }

    @Override
    public StreamImpl interleave(Stream other) {
        return next(binary("interleave", Shape.STREAM, c -> new Combinators.Interleave(), (Nodes) other,
                InputKind.PUSH, InputKind.PUSH));
    }

    @Override
    public StreamImpl crossProduct(Stream other) {
        return next(binary("crossProduct", Shape.STREAM, c -> new Combinators.CrossProduct(), (Nodes) other,
                InputKind.PUSH, InputKind.PUSH));
    }

    @Override
    public KeyedStreamImpl intoKeyed(Function key, Function value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return new KeyedStreamImpl(graph, derive("intoKeyed", Shape.STREAM, c -> new Transforms.KeyBy(key, value)));
    }

    @Override
    public StreamImpl weakenOrdering() {
        return this;
    }

    @Override
    public StreamImpl weakenDelivery() {
        return this;
    }

    @Override
    public StreamImpl assumeOrdering(Assumption.OnExactlyOnce nondet) {
        Objects.requireNonNull(nondet, "nondet");
        return this;
    }

    @Override
    public StreamImpl assumeOrdering(Assumption nondet) {
        Objects.requireNonNull(nondet, "nondet");
        return this;
    }

    @Override
    public StreamImpl assumeExactlyOnce(NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        return this;
    }

    @Override
    public StreamImpl batch(Tick tick, NonDet nondet) {
        return next(batchNode(tick, nondet));
    }

    @Override
    public StreamImpl sampleEvery(Duration interval, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        requireTopLevel("sampleEvery");
        return next(derive("sampleEvery", Shape.STREAM, c -> {
            SourceQueue timer = c.newSourceQueue();
            return new Values.Sample(timer, c.scheduler().every(interval, timer::offer), true);
        }));
    }

    @Override
    public StreamImpl sort(Comparator comparator) {
        Objects.requireNonNull(comparator, "comparator");
        return next(deriveBlocking("sort", Shape.STREAM, c -> new Combinators.Sort(comparator)));
    }

    @Override
    public StreamImpl chain(Stream other) {
        return next(binary("chain", Shape.STREAM, c -> new Combinators.Chain(), (Nodes) other,
                InputKind.BLOCKING, InputKind.PUSH));
    }

    @Override
    public StreamImpl chain(OrderedBoundedStream other) {
        return chain((Stream) other);
    }

    @Override
    public StreamImpl crossSingleton(Singleton singleton) {
        return next(binary("crossSingleton", Shape.STREAM, c -> new Combinators.CrossSingleton(),
                (Nodes) singleton, InputKind.PUSH, InputKind.PUSH));
    }

    @Override
    public StreamImpl allTicks() {
        return next(crossTick("allTicks", false, Shape.STREAM, c -> new Combinators.Interleave()));
    }

    @Override
    public StreamImpl deferTick() {
        return next(graph.add("deferTick", node.location(), true, Shape.STREAM,
                c -> new dev.hydro.runtime.operator.Sources.NextTick(),
                java.util.List.of(new dev.hydro.graph.Input(node, InputKind.NEXT_TICK))));
    }

    @Override
    public StreamImpl sendBincode(Target.ProcessSend destination) {
        return received(destination, EdgeKind.SEND, true);
    }

    @Override
    public KeyedStreamImpl sendBincode(Target.ClusterSend destination) {
        return receivedKeyed(destination, EdgeKind.SEND, true);
    }

    @Override
    public StreamImpl sendBytes(Target.ProcessBytes destination) {
        return received(destination, EdgeKind.SEND, false);
    }

    @Override
    public KeyedStreamImpl sendBytes(Target.ClusterBytes destination) {
        return receivedKeyed(destination, EdgeKind.SEND, false);
    }

    @Override
    public StreamImpl broadcastBincode(Target.ProcessFanOut destination) {
        return received(destination, EdgeKind.BROADCAST, true);
    }

    @Override
    public KeyedStreamImpl broadcastBincode(Target.ClusterFanOut destination) {
        return receivedKeyed(destination, EdgeKind.BROADCAST, true);
    }

    @Override
    public StreamImpl roundRobinBincode(Target.ProcessFanOut destination) {
        return received(destination, EdgeKind.ROUND_ROBIN, true);
    }

    @Override
    public KeyedStreamImpl roundRobinBincode(Target.ClusterFanOut destination) {
        return receivedKeyed(destination, EdgeKind.ROUND_ROBIN, true);
    }

    private StreamImpl received(Target.Destination destination, EdgeKind kind, boolean bincode) {
        requireSender(false);
        return next(sendOver(destination, kind, bincode));
    }

    private KeyedStreamImpl receivedKeyed(Target.Destination destination, EdgeKind kind, boolean bincode) {
        requireSender(true);
        return new KeyedStreamImpl(graph, sendOver(destination, kind, bincode));
    }

    private void requireSender(boolean cluster) {
        Location<?> from = node.location();
        if (from.isCluster() != cluster) {
            throw new IllegalStateException("internal: sender kind mismatch at " + from.name());
        }
    }
}
