package dev.hydro.deploy;

import dev.hydro.graph.FlowGraph;
import dev.hydro.location.Cluster;
import dev.hydro.location.Location;
import dev.hydro.network.InMemoryTransport;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.Durability;
import dev.hydro.runtime.Environment;
import dev.hydro.runtime.InstanceContext.MembershipChange;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.LocationInstance;
import dev.hydro.runtime.Scheduler;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.runtime.TickLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs every location of a flow in one JVM over the {@link InMemoryTransport}: each process once, each
 * cluster with its member count. Two modes:
 * <ul>
 *   <li>{@link #stepped} runs nothing by itself: a test calls {@link #runTick} on one instance or
 *       {@link #runUntilQuiescent()} on all, in a fixed order, and moves timers with {@link #advanceTime};
 *       queues are unbounded, so results are deterministic;</li>
 *   <li>{@link #threaded} gives every instance its own {@link TickLoop} thread and bounded queues, like
 *       production.</li>
 * </ul>
 *
 * <pre>{@code
 * try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of("workers", 3))) {
 *     deployment.push(leader, "lines", "to be or not to be");
 *     deployment.runUntilQuiescent();
 *     List<Object> top = deployment.output("trending");
 * }
 * }</pre>
 */
public final class LocalDeployment implements AutoCloseable {

    private static final int MAX_QUIESCENCE_TICKS = 100_000;

    private final FlowGraph graph;
    private final boolean threaded;
    private final InMemoryTransport transport;
    private final Scheduler scheduler;
    private final TickListener listener;
    private final int queueCapacity;
    private final int maxBatchSize;
    private final Durability durability;
    private final Map<String, TreeSet<Integer>> members = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<MembershipChange>>> watchers = new ConcurrentHashMap<>();
    private final Map<InstanceId, LocationInstance> instances = new LinkedHashMap<>();
    private final Map<InstanceId, TickLoop> loops = new HashMap<>();
    private final Map<String, SourceQueue> inputs = new ConcurrentHashMap<>();
    private final Map<String, List<Object>> outputs = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private LocalDeployment(FlowGraph graph, Map<String, Integer> clusterSizes, boolean threaded,
            TickListener listener, int queueCapacity, int maxBatchSize, Durability durability) {
        this.graph = graph;
        this.durability = durability;
        this.threaded = threaded;
        // threaded: senders must never block on a full receiver queue, or a cycle between instances deadlocks
        this.transport = threaded ? InMemoryTransport.decoupled() : new InMemoryTransport();
        this.scheduler = threaded ? new ClockScheduler() : new ManualScheduler();
        this.listener = listener;
        this.queueCapacity = queueCapacity;
        this.maxBatchSize = maxBatchSize;
        for (String name : clusterSizes.keySet()) {
            Location<?> location = graph.location(name);
            if (!location.isCluster()) {
                throw new IllegalArgumentException("'" + name + "' is a process, not a cluster: it has one member");
            }
        }
        for (NetworkEdge edge : graph.edges()) {
            if (edge.exactlyOnce() && !transport.exactlyOnce()) {
                throw new IllegalStateException("edge " + edge.name() + " is exactly-once but the transport is not");
            }
        }
        for (Location<?> location : graph.locations()) {
            int size = location instanceof Cluster<?> cluster
                    ? clusterSizes.getOrDefault(location.name(), cluster.defaultMembers()) : 1;
            if (size < 1) {
                throw new IllegalArgumentException("cluster '" + location.name() + "' needs at least 1 member");
            }
            TreeSet<Integer> ids = new TreeSet<>();
            for (int member = 0; member < size; member++) {
                ids.add(member);
            }
            members.put(location.name(), ids);
        }
        for (Location<?> location : graph.locations()) {
            for (int member : members.get(location.name())) {
                createInstance(location, member);
            }
        }
    }

    /** A deterministic deployment that only runs when told to; clusters get their default sizes. */
    public static LocalDeployment stepped(FlowGraph graph) {
        return stepped(graph, Map.of());
    }

    /** A deterministic deployment with the given cluster sizes (by cluster name). */
    public static LocalDeployment stepped(FlowGraph graph, Map<String, Integer> clusterSizes) {
        return new LocalDeployment(graph, clusterSizes, false, TickListener.NONE, 0, Integer.MAX_VALUE,
                Durability.NONE);
    }

    /**
     * A stepped deployment whose instances log their state to {@code durability} and restore it before their
     * first tick: a second deployment on the same {@link InMemoryChangelog} continues where a closed (or
     * crashed) one left off.
     */
    public static LocalDeployment stepped(FlowGraph graph, Map<String, Integer> clusterSizes, Durability durability) {
        return new LocalDeployment(graph, clusterSizes, false, TickListener.NONE, 0, Integer.MAX_VALUE, durability);
    }

    /** A stepped deployment that reports ticks and edges to {@code listener}. */
    public static LocalDeployment stepped(FlowGraph graph, Map<String, Integer> clusterSizes, TickListener listener) {
        return new LocalDeployment(graph, clusterSizes, false, listener, 0, Integer.MAX_VALUE, Durability.NONE);
    }

    /**
     * A deployment where every instance runs on its own thread, with bounded source queues of
     * {@code queueCapacity} elements and at most {@code maxBatchSize} elements per source per tick. Call
     * {@link #start()}.
     */
    public static LocalDeployment threaded(FlowGraph graph, Map<String, Integer> clusterSizes, TickListener listener,
            int queueCapacity, int maxBatchSize) {
        if (queueCapacity < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("queue capacity and batch size must be positive");
        }
        return new LocalDeployment(graph, clusterSizes, true, listener, queueCapacity, maxBatchSize,
                Durability.NONE);
    }

    private LocationInstance createInstance(Location<?> location, int member) {
        LocationInstance instance = new LocationInstance(graph, location, member, new LocalEnvironment());
        instances.put(instance.id(), instance);
        return instance;
    }

    /** Starts one tick loop per instance (threaded mode). */
    public synchronized void start() {
        requireThreaded("start");
        for (LocationInstance instance : instances.values()) {
            startLoop(instance);
        }
    }

    private void startLoop(LocationInstance instance) {
        TickLoop loop = new TickLoop(instance, Duration.ofMillis(50), failures::add);
        loops.put(instance.id(), loop);
        loop.start();
    }

    /**
     * Runs one tick of one instance (stepped mode). With {@link Durability#NONE}, an {@link InMemoryChangelog}
     * or any durability without a commit interval the tick is committed before this returns; under a commit
     * interval its commit may wait for {@link #runUntilQuiescent()} or {@link #close()}.
     */
    public void runTick(Location<?> location, int member) {
        requireStepped("runTick");
        instance(location, member).runTick();
    }

    /** Runs one tick of a process (stepped mode). */
    public void runTick(Location<?> process) {
        runTick(process, 0);
    }

    /**
     * Runs ticks of every instance that has work, in location and member order, until none has, then commits
     * what they did (like a tick loop that runs out of work); returns how many ticks ran (stepped mode).
     */
    public int runUntilQuiescent() {
        requireStepped("runUntilQuiescent");
        int ran = 0;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (LocationInstance instance : List.copyOf(instances.values())) {
                if (instance.hasWork()) {
                    instance.runTick();
                    progressed = true;
                    if (++ran > MAX_QUIESCENCE_TICKS) {
                        throw new IllegalStateException("no quiescence after " + MAX_QUIESCENCE_TICKS
                                + " ticks: a tick cycle or deferTick keeps scheduling work every tick");
                    }
                }
            }
        }
        for (LocationInstance instance : List.copyOf(instances.values())) {
            instance.commitPending();
        }
        return ran;
    }

    /** Moves the manual clock, firing due timers (stepped mode). Timer elements enter the next tick. */
    public void advanceTime(Duration duration) {
        requireStepped("advanceTime");
        ((ManualScheduler) scheduler).advance(duration);
    }

    /** Pushes a value into a named input of a process. */
    public void push(Location<?> location, String input, Object value) {
        push(location, 0, input, value);
    }

    /** Pushes a value into a named input of one instance; blocks while its queue is full (threaded mode). */
    public void push(Location<?> location, int member, String input, Object value) {
        input(location, member, input).push(value);
    }

    /** Pushes many values into a named input of a process, in order, as one batch (cheaper than one by one). */
    public void pushAll(Location<?> location, String input, Collection<?> values) {
        input(location, 0, input).pushAll(values);
    }

    /**
     * A handle on a named input of one instance, resolved once: pushing through it costs no lookup per
     * element.
     */
    public Input input(Location<?> location, int member, String name) {
        SourceQueue queue = inputs.get(inputKey(new InstanceId(location.name(), member), name));
        if (queue == null) {
            throw new IllegalArgumentException("instance " + location.name() + "/" + member + " has no input '" + name
                    + "' (declare it with sourceStream(\"" + name + "\", type))");
        }
        return new Input(name, queue, maxBatchSize == Integer.MAX_VALUE ? 4096 : maxBatchSize);
    }

    /**
     * A named input of one instance.
     *
     * <pre>{@code
     * LocalDeployment.Input lines = deployment.input(leader, 0, "lines");
     * lines.pushAll(List.of("a", "b"));
     * }</pre>
     */
    public static final class Input {
        private final String name;
        private final SourceQueue queue;
        private final int chunkSize;

        private Input(String name, SourceQueue queue, int chunkSize) {
            this.name = name;
            this.queue = queue;
            this.chunkSize = chunkSize;
        }

        /** Pushes one value; blocks while the queue is full (threaded mode). */
        public void push(Object value) {
            try {
                queue.put(value);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /**
         * Pushes values in order as chunks, copying them first; blocks while the queue is full (threaded mode).
         */
        public void pushAll(Collection<?> values) {
            try {
                queue.putAll(values, chunkSize);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /**
         * Pushes values in order like {@link #pushAll}, without copying them: the input takes ownership of
         * {@code values}, which the instance reads later (on its own thread, in threaded mode), so the caller
         * must never modify the list again. Use it for immutable lists or lists built for this call, the way a
         * batch-mode Kafka binding hands over each poll.
         *
         * <pre>{@code
         * lines.handOver(List.copyOf(received)); // no second copy inside the input
         * }</pre>
         */
        public void handOver(List<?> values) {
            try {
                queue.handOver(values, chunkSize);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        private IllegalStateException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while pushing to " + name, e);
        }
    }

    /** Everything sent to a named output ({@code destSink}) so far, by all instances, in arrival order. */
    public List<Object> output(String name) {
        List<Object> values = outputs.get(name);
        if (values == null) {
            return List.of();
        }
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    /** Adds a member to a cluster; every watcher sees it join. Returns its id. */
    public synchronized int addMember(Cluster<?> cluster) {
        TreeSet<Integer> ids = members.get(cluster.name());
        int id = ids.isEmpty() ? 0 : ids.last() + 1;
        LocationInstance instance = createInstance(cluster, id);
        synchronized (ids) {
            ids.add(id);
        }
        notifyWatchers(cluster.name(), new MembershipChange(id, true));
        if (threaded) {
            startLoop(instance);
        }
        return id;
    }

    /** Stops a cluster member; every watcher sees it leave, and records addressed to it are dropped. */
    public synchronized void removeMember(Cluster<?> cluster, int member) {
        InstanceId id = new InstanceId(cluster.name(), member);
        TickLoop loop = loops.remove(id);
        if (loop != null) {
            loop.stop();
        }
        LocationInstance instance = instances.remove(id);
        if (instance == null) {
            throw new IllegalArgumentException("cluster '" + cluster.name() + "' has no member " + member);
        }
        if (loop == null) {
            instance.commitPending(); // stepped: no loop committed on its way out
        }
        instance.close();
        transport.remove(id);
        TreeSet<Integer> ids = members.get(cluster.name());
        synchronized (ids) {
            ids.remove(member);
        }
        notifyWatchers(cluster.name(), new MembershipChange(member, false));
    }

    /** The instance of a location's member. */
    public LocationInstance instance(Location<?> location, int member) {
        LocationInstance instance = instances.get(new InstanceId(location.name(), member));
        if (instance == null) {
            throw new IllegalArgumentException("no instance " + location.name() + "/" + member);
        }
        return instance;
    }

    /** Errors that stopped tick loops (threaded mode). */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Whether no instance has work waiting (threaded mode: a momentary view). */
    public boolean isIdle() {
        for (LocationInstance instance : instances.values()) {
            if (instance.hasWork()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        for (TickLoop loop : loops.values()) {
            loop.stop();
        }
        loops.clear();
        for (LocationInstance instance : instances.values()) {
            if (!threaded) {
                instance.commitPending(); // a stopping tick loop commits its instance; stepped, nothing else does
            }
            instance.close();
        }
        transport.close();
        if (scheduler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void notifyWatchers(String cluster, MembershipChange change) {
        for (Consumer<MembershipChange> watcher : watchers.getOrDefault(cluster, List.of())) {
            watcher.accept(change);
        }
    }

    private void requireStepped(String operation) {
        if (threaded) {
            throw new IllegalStateException(operation + " is for stepped deployments; this one runs on threads");
        }
    }

    private void requireThreaded(String operation) {
        if (!threaded) {
            throw new IllegalStateException(operation + " is for threaded deployments; step this one with runTick");
        }
    }

    private static String inputKey(InstanceId instance, String name) {
        return instance + "#" + name;
    }

    /** The environment every instance of this deployment shares. */
    private final class LocalEnvironment implements Environment {
        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public List<Integer> members(String location) {
            TreeSet<Integer> ids = members.get(location);
            synchronized (ids) {
                return List.copyOf(ids);
            }
        }

        @Override
        public AutoCloseable watchMembers(String cluster, Consumer<MembershipChange> watcher) {
            graph.location(cluster);
            List<Consumer<MembershipChange>> list = watchers.computeIfAbsent(cluster, c -> new CopyOnWriteArrayList<>());
            for (int member : members(cluster)) {
                watcher.accept(new MembershipChange(member, true));
            }
            list.add(watcher);
            return () -> list.remove(watcher);
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
            inputs.put(inputKey(instance, name), queue);
        }

        @Override
        public Consumer<Object> output(InstanceId instance, String name) {
            List<Object> values = outputs.computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()));
            return values::add;
        }

        @Override
        public TickListener listener() {
            return listener;
        }

        @Override
        public int queueCapacity() {
            return queueCapacity;
        }

        @Override
        public int maxBatchSize() {
            return maxBatchSize;
        }

        @Override
        public Durability durability() {
            return durability;
        }
    }
}
