package dev.hydro.runtime;

import dev.hydro.graph.FlowGraph;
import dev.hydro.graph.Input;
import dev.hydro.graph.InputKind;
import dev.hydro.graph.Node;
import dev.hydro.graph.Shape;
import dev.hydro.location.Location;
import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.NetworkEdge;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.operator.Sources;
import dev.hydro.runtime.operator.Values;
import dev.hydro.state.DurableState;
import dev.hydro.state.StateEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One running instance of a location: its compiled operators and its tick. {@link #runTick()} takes what
 * arrived since the last tick, runs the strata in order (each cycle inside a stratum to a fixpoint), then
 * lets every operator end the tick. An instance is driven by exactly one thread at a time: a
 * {@link TickLoop}, or a test stepping it. Ticks become durable in units of one or more ticks (see
 * {@link Durability#commitInterval()}); the driving thread calls {@link #commitPending()} when the instance has
 * no more work and before it stops, so that no unit stays open while nothing ticks.
 *
 * <pre>{@code
 * LocationInstance leader = new LocationInstance(graph, graph.location("leader"), 0, environment);
 * while (leader.hasWork()) leader.runTick();
 * leader.commitPending();
 * }</pre>
 */
public final class LocationInstance implements InstanceContext {

    private final InstanceId id;
    private final Environment environment;
    private final List<Operator> operators = new ArrayList<>();
    private final List<List<Operator>> strata = new ArrayList<>();
    private final List<List<Operator>> cycleSources = new ArrayList<>();
    private final List<Sources.Queued> queuedSources = new ArrayList<>();
    private final List<Values.Carried> carriers = new ArrayList<>();
    /** What acknowledges the input of the open unit's ticks, run right before the unit commits. */
    private final List<Runnable> acknowledgements = new ArrayList<>();
    private final Map<Integer, DurableState> durableStates = new HashMap<>();
    private final Durability durability;
    private final long commitIntervalNanos;
    private volatile Runnable wakeup = () -> {
    };
    private long ticks;
    private boolean started;
    private boolean closed;
    /** A unit of durability has begun and holds ticks that are not committed yet. */
    private boolean unitOpen;
    private long unitBegan;
    private int unitTicks;

    /** Compiles the operators of {@code location} for member {@code member}. */
    public LocationInstance(FlowGraph graph, Location<?> location, int member, Environment environment) {
        this.id = new InstanceId(location.name(), member);
        this.environment = environment;
        this.durability = environment.durability();
        Duration interval = durability.commitInterval();
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the commit interval must not be negative, was " + interval);
        }
        this.commitIntervalNanos = interval.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : interval.toNanos();
        compile(graph, graph.nodesAt(location));
    }

    private void compile(FlowGraph graph, List<Node> nodes) {
        Map<Node, Operator> byNode = new HashMap<>();
        for (Node node : nodes) {
            Operator operator = node.factory().create(this);
            byNode.put(node, operator);
            operators.add(operator);
            if (operator instanceof Sources.Queued queued) {
                queuedSources.add(queued);
            }
            if (operator instanceof Values.Carried carried) {
                carriers.add(carried);
            }
        }
        Map<Node, List<Downstream>> consumers = new HashMap<>();
        for (Node node : nodes) {
            List<Input> inputs = node.inputs();
            for (int port = 0; port < inputs.size(); port++) {
                Node from = inputs.get(port).node();
                if (from.shape() == Shape.STREAM) {
                    consumers.computeIfAbsent(from, n -> new ArrayList<>()).add(new Downstream(node, port));
                }
            }
        }
        Map<Node, Push[]> targets = new HashMap<>();
        for (Node node : nodes) {
            Operator[] upstream = node.inputs().stream().map(in -> byNode.get(in.node())).toArray(Operator[]::new);
            Push out = Push.fanOut(targets(node, byNode, consumers, targets, new HashSet<>()));
            Operator operator = byNode.get(node);
            operator.wire(out, upstream, node.inTick());
            int stratum = graph.stratum(node);
            while (strata.size() <= stratum) {
                strata.add(new ArrayList<>());
                cycleSources.add(new ArrayList<>());
            }
            strata.get(stratum).add(operator);
            if (operator instanceof DurableState state && state.keepsStateAcrossTicks() && durability.logsState()) {
                state.startLogging();
                durableStates.put(node.id(), state);
            }
            if (node.inputs().stream().anyMatch(in -> in.kind() == InputKind.FIXPOINT)) {
                cycleSources.get(stratum).add(operator);
            }
        }
    }

    /** Input {@code port} of {@code node}: where one stream edge of the graph ends. */
    private record Downstream(Node node, int port) {
    }

    /**
     * The ports a node's output goes to, after three rewrites that take hops out of the push path.
     * Pass-through operators ({@code batch}, {@code allTicks}, {@code interleave}) are looked through: an
     * element skips the hop, and the call site that would forward it (shared by every pass-through of the JVM,
     * so never inlined) disappears. An operator that {@linkplain Operator#absorbsConsumer absorbs} its only
     * consumer sends straight to that consumer's targets. An operator that feeds only one input, whose operator
     * offers a {@linkplain Operator#fusedPort fused port} for it, is replaced by that port.
     */
    private static Push[] targets(Node node, Map<Node, Operator> byNode, Map<Node, List<Downstream>> consumers,
            Map<Node, Push[]> resolved, Set<Node> visiting) {
        Push[] known = resolved.get(node);
        if (known != null) {
            return known;
        }
        visiting.add(node);
        List<Downstream> next = consumers.getOrDefault(node, List.of());
        List<Push> result = new ArrayList<>();
        if (next.size() == 1 && !visiting.contains(next.get(0).node())
                && byNode.get(node).absorbsConsumer(byNode.get(next.get(0).node()))) {
            result.addAll(List.of(targets(next.get(0).node(), byNode, consumers, resolved, visiting)));
        } else {
            for (Downstream downstream : next) {
                Operator consumer = byNode.get(downstream.node());
                if (consumer.passesThrough() && !visiting.contains(downstream.node())) {
                    result.addAll(List.of(targets(downstream.node(), byNode, consumers, resolved, visiting)));
                } else {
                    Push fused = visiting.contains(downstream.node()) ? null
                            : fusedPort(downstream.node(), byNode, consumers);
                    result.add(fused != null ? fused : consumer.port(downstream.port()));
                }
            }
        }
        visiting.remove(node);
        Push[] pushes = result.toArray(Push[]::new);
        resolved.put(node, pushes);
        return pushes;
    }

    /** The port that does {@code producer}'s work too, when it feeds only one input and that input offers one. */
    private static Push fusedPort(Node producer, Map<Node, Operator> byNode, Map<Node, List<Downstream>> consumers) {
        List<Downstream> next = consumers.getOrDefault(producer, List.of());
        if (next.size() != 1) {
            return null;
        }
        Downstream only = next.get(0);
        return byNode.get(only.node()).fusedPort(only.port(), byNode.get(producer));
    }

    /** This instance's identity. */
    public InstanceId id() {
        return id;
    }

    /** How many ticks have run. */
    public long ticks() {
        return ticks;
    }

    /** Sets what to call when work arrives (the thread driving this instance wakes up). */
    public void onWork(Runnable wakeupCall) {
        this.wakeup = wakeupCall;
    }

    /** Whether a tick would do anything: the first tick, arrived input, or work deferred to the next tick. */
    public boolean hasWork() {
        if (closed) {
            return false;
        }
        if (!started) {
            return true;
        }
        for (Operator operator : operators) {
            if (operator.hasPendingWork()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs one tick. Must not be called concurrently. The tick joins the open unit of durability or begins one,
     * and commits the unit when it is due (see {@link Durability#commitInterval()}); otherwise the commit is
     * pending until a later tick or {@link #commitPending()}. A tick that fails aborts the open unit.
     */
    public void runTick() {
        if (closed) {
            throw new IllegalStateException(id + " is stopped");
        }
        long start = System.nanoTime();
        if (!started && durability.logsState()) {
            restore();
        }
        started = true;
        if (!unitOpen) {
            durability.beginTick(id);
            unitOpen = true;
            unitBegan = start;
            unitTicks = 0;
        }
        try {
            runStrataAndEnd();
            unitTicks++;
            long end = System.nanoTime();
            reportTick(end - start);
            if (end - unitBegan >= commitIntervalNanos) {
                commitUnit(end);
            }
        } catch (RuntimeException | Error e) {
            abortUnit(e);
            throw e;
        }
    }

    private void reportTick(long durationNanos) {
        int batch = 0;
        int depth = 0;
        for (Sources.Queued source : queuedSources) {
            batch += source.lastBatchSize();
            depth += source.queueDepth();
        }
        environment.listener().tickFinished(new TickListener.TickReport(id, ticks, durationNanos, batch, depth));
        ticks++;
    }

    /**
     * Commits the open unit of durability now, if ticks ran since the last commit: the instance has no more
     * work, or is about to stop. A failed commit aborts the unit and is rethrown. Called by the thread that
     * drives the instance, never concurrently with {@link #runTick()}.
     */
    public void commitPending() {
        if (!unitOpen) {
            return;
        }
        try {
            commitUnit(System.nanoTime());
        } catch (RuntimeException | Error e) {
            abortUnit(e);
            throw e;
        }
    }

    /** Whether ticks have run whose unit of durability is not committed yet. */
    public boolean hasUncommittedTicks() {
        return unitOpen;
    }

    /**
     * The tick proper: strata and end of tick. The state it changed is logged, and the input it consumed
     * acknowledged, when its unit commits, so never before the state and sends it produced.
     */
    private void runStrataAndEnd() {
        for (int s = 0; s < strata.size(); s++) {
            for (Operator operator : strata.get(s)) {
                operator.runStratum();
            }
            List<Operator> cycles = cycleSources.get(s);
            if (!cycles.isEmpty()) {
                boolean progressed;
                do {
                    progressed = false;
                    for (Operator source : cycles) {
                        progressed |= source.drainCycle();
                    }
                } while (progressed);
            }
        }
        // Singleton cycles read what they carry before anything ends the tick: otherwise an in-tick fold
        // declared before the cycle would already have reset, or another cycle already have moved on.
        for (Values.Carried carrier : carriers) {
            carrier.capture();
        }
        for (Operator operator : operators) {
            operator.endTick();
        }
    }

    /**
     * Logs the state the unit's ticks changed (each changed key once, with its latest value), makes the unit's
     * output durable, acknowledges the input of every tick of the unit, and commits it.
     */
    private void commitUnit(long began) {
        if (!durableStates.isEmpty()) {
            List<StateEntry> changes = new ArrayList<>();
            durableStates.forEach((node, state) -> state.writeChanges(
                    (key, value) -> changes.add(StateEntry.of(node, key, value))));
            if (!changes.isEmpty()) {
                durability.logState(id, changes);
            }
        }
        List<Runnable> acknowledging = List.copyOf(acknowledgements);
        acknowledgements.clear();
        durability.commitUnit(id, acknowledging);
        unitOpen = false;
        if (durability != Durability.NONE) {
            environment.listener().commitFinished(
                    new TickListener.CommitReport(id, unitTicks, System.nanoTime() - began));
        }
    }

    private void abortUnit(Throwable cause) {
        unitOpen = false;
        acknowledgements.clear();
        durability.abortTick(id, cause);
    }

    /** Gives every durable operator back the entries an earlier run of this instance logged. */
    private void restore() {
        durability.restore(id, entry -> {
            DurableState state = durableStates.get(entry.node());
            if (state == null) {
                throw new IllegalStateException(id + ": the state log holds an entry of node " + entry.node()
                        + ", which keeps no state in this flow; was the flow changed? Logged state can only be"
                        + " restored into the same flow");
            }
            state.restore(entry.decodedKey(), entry.decodedValue());
        });
        durableStates.values().forEach(DurableState::restored);
    }

    /** Stops the instance: cancels subscriptions and timers. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (Operator operator : operators) {
            try {
                operator.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public InstanceId self() {
        return id;
    }

    @Override
    public SourceQueue newSourceQueue() {
        return new SourceQueue(environment.queueCapacity(), () -> wakeup.run(), acknowledgements::add);
    }

    @Override
    public void deadLetter(NetworkEdge edge, int senderMember, byte[] payload, Exception error) {
        environment.transport().deadLetter(edge, id, senderMember, payload, error);
        environment.listener().deadLetter(id, edge.name(), senderMember, payload, error);
    }

    @Override
    public void afterTick(Runnable action) {
        acknowledgements.add(action);
    }

    @Override
    public int maxBatchSize() {
        return environment.maxBatchSize();
    }

    @Override
    public int queueCapacity() {
        return environment.queueCapacity();
    }

    @Override
    public EdgeSender sender(NetworkEdge edge) {
        return environment.transport().sender(edge, id);
    }

    @Override
    public void receive(NetworkEdge edge, EdgeReceiver receiver) {
        environment.transport().receiver(edge, id, receiver);
    }

    @Override
    public List<Integer> members(String cluster) {
        return environment.members(cluster);
    }

    @Override
    public AutoCloseable watchMembers(String cluster, Consumer<MembershipChange> listener) {
        return environment.watchMembers(cluster, listener);
    }

    @Override
    public Scheduler scheduler() {
        return environment.scheduler();
    }

    @Override
    public void bindInput(String name, Class<?> type, SourceQueue queue) {
        environment.bindInput(id, name, type, queue);
    }

    @Override
    public Consumer<Object> output(String name) {
        return environment.output(id, name);
    }

    @Override
    public TickListener listener() {
        return environment.listener();
    }

    @Override
    public String toString() {
        return "LocationInstance[" + id + ", ticks=" + ticks + "]";
    }
}
