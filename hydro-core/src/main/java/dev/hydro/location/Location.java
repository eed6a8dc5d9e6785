package dev.hydro.location;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.internal.Cycles;
import dev.hydro.internal.SingletonImpl;
import dev.hydro.internal.StreamImpl;
import dev.hydro.runtime.OperatorFactory;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.runtime.operator.Sources;
import dev.hydro.runtime.operator.Values;
import dev.hydro.stream.ForwardRef;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.OrderedStream;
import dev.hydro.stream.Singleton;
import dev.hydro.stream.Unbounded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Where streams live: a {@link Process} (one instance) or a {@link Cluster} (N members). Every live
 * collection is typed with its location, so streams of two locations cannot be combined by mistake. Roots of
 * the dataflow are created here.
 *
 * <pre>{@code
 * Process<Leader> leader = flow.process(Leader.class);
 * OrderedStream<String, Process<Leader>, Unbounded> lines = leader.sourceStream("lines", String.class);
 * }</pre>
 *
 * @param <L> the location's own type ({@code Process<P>} or {@code Cluster<C>})
 */
public abstract sealed class Location<L extends Location<L>> permits Process, Cluster {

    final GraphBuilder graph;
    private final String name;
    private final Class<?> tag;
    private Tick<L> tick;

    Location(GraphBuilder graph, String name, Class<?> tag) {
        this.graph = graph;
        this.name = name;
        this.tag = tag;
    }

    /** The location's name, as used in configuration, topics and metrics. */
    public final String name() {
        return name;
    }

    /** The phantom tag type that distinguishes this location's streams at compile time. */
    public final Class<?> tag() {
        return tag;
    }

    /** Whether this is a cluster. */
    public abstract boolean isCluster();

    /** Whether {@code other} belongs to the same flow. */
    public final boolean sameFlow(Location<?> other) {
        return other.graph == graph;
    }

    /** Emits every element of {@code elements} exactly once, in order, in the first tick. */
    public <T> OrderedStream<T, L, Unbounded> sourceIter(Iterable<? extends T> elements) {
        List<Object> copy = new ArrayList<>();
        elements.forEach(e -> copy.add(Objects.requireNonNull(e, "sourceIter elements must not be null")));
        List<Object> frozen = List.copyOf(copy);
        return source("sourceIter", c -> new Sources.Iter(frozen));
    }

    /**
     * Emits what a {@link Flow.Publisher} publishes, each element in the tick after it arrives. The source
     * requests only as many elements as its bounded queue holds, so the publisher is held back, not buffered.
     * Each instance of the location subscribes once.
     */
    public <T> OrderedStream<T, L, Unbounded> sourceStream(Flow.Publisher<? extends T> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        return source("sourceStream", c -> new Sources.Subscribed(c.newSourceQueue(), c.maxBatchSize(), publisher));
    }

    /**
     * Emits what a Reactive Streams {@link org.reactivestreams.Publisher} publishes (Project Reactor's
     * {@code Flux}, RxJava, Akka Streams, a Kafka receiver), with the same backpressure as
     * {@link #sourceStream(Flow.Publisher)}.
     */
    public <T> OrderedStream<T, L, Unbounded> sourceStream(org.reactivestreams.Publisher<? extends T> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        return sourceStream(org.reactivestreams.FlowAdapters.toFlowPublisher(publisher));
    }

    /**
     * A named external input: the deployment feeds it (a Spring Cloud Stream input binding of that name, or
     * {@code LocalDeployment.push}). Values arrive in the tick after they are pushed.
     */
    public <T> OrderedStream<T, L, Unbounded> sourceStream(String inputName, Class<T> type) {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(type, "type");
        graph.registerInput(inputName, this, type);
        return source("sourceStream " + inputName, c -> {
            SourceQueue queue = c.newSourceQueue();
            c.bindInput(inputName, type, queue);
            return new Sources.Queued(queue, c.maxBatchSize());
        });
    }

    /** Emits the current time every {@code period}. Timing is nondeterministic, hence the {@link NonDet}. */
    public OrderedStream<Instant, L, Unbounded> sourceInterval(Duration period, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("sourceInterval needs a positive period, was " + period);
        }
        return source("sourceInterval " + period, c -> {
            SourceQueue queue = c.newSourceQueue();
            return new Sources.Queued(queue, c.maxBatchSize()).closing(c.scheduler().every(period, queue::offer));
        });
    }

    /**
     * The membership of a cluster as seen from here: a {@code JOINED} event for every member at start, then
     * joins and leaves as they happen. When they are seen is nondeterministic.
     */
    public <C> OrderedStream<MembershipEvent<Cluster<C>>, L, Unbounded> members(Cluster<C> cluster, NonDet nondet) {
        Objects.requireNonNull(nondet, "nondet");
        String clusterName = cluster.name();
        return source("members " + clusterName, c -> {
            SourceQueue queue = c.newSourceQueue();
            AutoCloseable watch = c.watchMembers(clusterName, change -> queue.offer(new MembershipEvent<>(
                    MemberId.of(change.member()),
                    change.joined() ? MembershipEvent.Change.JOINED : MembershipEvent.Change.LEFT)));
            return new Sources.Queued(queue, c.maxBatchSize()).closing(watch);
        });
    }

    /** A constant top-level value. */
    public <T> Singleton<T, L, Unbounded> singleton(T value) {
        Objects.requireNonNull(value, "value");
        return new SingletonImpl(graph, graph.add("singleton", this, false, Shape.VALUE, c -> Values.constant(value),
                List.of()));
    }

    /** This instance's own member id (always 0 for a process), like Hydro's {@code CLUSTER_SELF_ID}. */
    @SuppressWarnings("unchecked")
    public Singleton<MemberId<L>, L, Unbounded> selfId() {
        return new SingletonImpl(graph, graph.add("selfId", this, false, Shape.VALUE,
                c -> Values.constant(MemberId.of(c.self().member())), List.of()));
    }

    /** A top-level stream defined later, to close a recursive flow. */
    @SuppressWarnings("unchecked")
    public <T> ForwardRef<T, L, Unbounded> forwardRef() {
        return Cycles.forwardRef(graph, this, false);
    }

    /** The logical clock of this location: batches, snapshots and cycles happen inside it. */
    @SuppressWarnings("unchecked")
    public Tick<L> tick() {
        if (tick == null) {
            tick = new Tick<>((L) this);
        }
        return tick;
    }

    @SuppressWarnings("unchecked")
    private <T> OrderedStream<T, L, Unbounded> source(String label, OperatorFactory factory) {
        Node node = graph.add(label, this, false, Shape.STREAM, factory, List.of());
        return new StreamImpl(graph, node);
    }

    @Override
    public String toString() {
        return (isCluster() ? "cluster " : "process ") + name;
    }
}
