package dev.hydro.spring.test;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.graph.FlowGraph;
import dev.hydro.observe.TickListener;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.autoconfigure.HydroFlows;
import dev.hydro.spring.autoconfigure.HydroProperties;
import dev.hydro.spring.runtime.Flow;
import dev.hydro.spring.runtime.FlowListenerFactory;
import dev.hydro.spring.runtime.InstancePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Steps the application's flows in a test: every {@link FlowDefinition} bean runs on its own stepped
 * {@link LocalDeployment} (every location and every cluster member in this JVM, in-memory edges, a manual
 * clock, no broker), and nothing runs until the test says so. Push values into {@code sourceStream} inputs,
 * run ticks of one location or of everything until quiescent, move the clock, and read what reached the
 * {@code destSink} outputs and how many records crossed each network edge.
 *
 * <p>{@link HydroFlowTest @HydroFlowTest} provides one as a bean, reset before every test method. Names
 * (inputs, outputs, locations, edges) are looked up in every flow of the application; when a name exists in
 * several flows, pick the flow first with {@link #flow(String)}. Cluster sizes come from
 * {@code hydro.clusters.<name>.members}, or the cluster's default. Not thread-safe: drive it from the test
 * thread.
 *
 * <pre>{@code
 * @HydroFlowTest
 * class ShoutTest {
 *     @Autowired HydroFlowDriver driver;
 *
 *     @Test
 *     void shouts() {
 *         driver.push("lines", "hello");
 *         driver.runUntilQuiescent();
 *         assertThat(driver.output("out", String.class)).containsExactly("HELLO");
 *         assertThat(driver.edgeRecords("leader-to-worker-round-robin")).isEqualTo(1);
 *     }
 * }
 * }</pre>
 */
public final class HydroFlowDriver implements AutoCloseable {

    private final List<SteppedFlow> flows;
    private final boolean owner;

    private HydroFlowDriver(List<SteppedFlow> flows, boolean owner) {
        this.flows = List.copyOf(flows);
        this.owner = owner;
    }

    /**
     * A driver for built flows, with the cluster sizes of {@code plan}, reporting ticks and edges also to the
     * application's {@link FlowListenerFactory} listeners (so that Micrometer metrics count in tests too).
     *
     * <pre>{@code
     * HydroFlowDriver driver = HydroFlowDriver.create(hydroFlows, instancePlan, List.of());
     * }</pre>
     */
    public static HydroFlowDriver create(HydroFlows hydroFlows, InstancePlan plan,
            List<FlowListenerFactory> listeners) {
        List<SteppedFlow> stepped = new ArrayList<>();
        for (Flow flow : hydroFlows.flows()) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            flow.graph().locations().forEach(l -> sizes.put(l.name(), plan.members(l.name())));
            stepped.add(new SteppedFlow(flow, sizes, listenerFor(flow.name(), listeners)));
        }
        return new HydroFlowDriver(stepped, true);
    }

    /**
     * A driver without Spring: builds the definitions (keyed by bean name, which names the flow) with the given
     * cluster sizes; clusters not listed keep their default size.
     *
     * <pre>{@code
     * try (HydroFlowDriver driver = HydroFlowDriver.of(Map.of("echo", new EchoFlow()), Map.of("worker", 2))) {
     *     driver.push("lines", "a").runUntilQuiescent();
     * }
     * }</pre>
     */
    public static HydroFlowDriver of(Map<String, FlowDefinition> definitions, Map<String, Integer> clusterSizes) {
        HydroFlows built = HydroFlows.build(new LinkedHashMap<>(definitions));
        HydroProperties properties = new HydroProperties();
        properties.getInstance().setAll(true);
        properties.setTransport(HydroProperties.TransportKind.LOCAL);
        clusterSizes.forEach((cluster, members) -> {
            HydroProperties.ClusterSize size = new HydroProperties.ClusterSize();
            size.setMembers(members);
            properties.getClusters().put(cluster, size);
        });
        return create(built, InstancePlan.resolve(built.flows(), properties), List.of());
    }

    private static TickListener listenerFor(String flow, List<FlowListenerFactory> factories) {
        return TickListener.all(factories.stream().map(f -> f.create(flow)).toList());
    }

    // ---------------------------------------------------------------- flows

    /** The names of the flows this driver steps ({@code wordCount} bean → {@code word-count}). */
    public List<String> flows() {
        return flows.stream().map(SteppedFlow::name).toList();
    }

    /**
     * This driver narrowed to one flow, by flow name ({@code word-count}) or bean name ({@code wordCount}). The
     * view shares state with this driver.
     */
    public HydroFlowDriver flow(String name) {
        for (SteppedFlow flow : flows) {
            if (flow.name().equals(name) || flow.beanName().equals(name)) {
                return flows.size() == 1 ? this : new HydroFlowDriver(List.of(flow), false);
            }
        }
        throw new IllegalArgumentException("no flow named '" + name + "'; the FlowDefinition beans define "
                + flows() + " (a flow is named after its bean: wordCount becomes word-count)");
    }

    /** The graph of the single flow (see {@link #flow(String)} when there are several). */
    public FlowGraph graph() {
        return single("graph()").graph();
    }

    /**
     * The stepped deployment of the single flow, for what this driver does not offer (adding or removing
     * cluster members, a location instance's tick count).
     */
    public LocalDeployment deployment() {
        return single("deployment()").deployment();
    }

    /** The number of members of a location: its cluster size, or 1 for a process. */
    public int members(String location) {
        return withLocation(location).members(location);
    }

    // ---------------------------------------------------------------- inputs

    /**
     * Pushes a value into the named input ({@code sourceStream(input, type)}); it enters the reading instance
     * in that instance's next tick. When a cluster reads the input, successive pushes go to its members in
     * turn (0, 1, 2, 0, ...), like a consumer group spreading records.
     */
    public HydroFlowDriver push(String input, Object value) {
        withInput(input).push(input, value);
        return this;
    }

    /** Pushes a value into the named input of one member of the cluster that reads it. */
    public HydroFlowDriver push(String input, int member, Object value) {
        withInput(input).push(input, member, value);
        return this;
    }

    /** Pushes every value, in order, as {@link #push(String, Object)} does. */
    public HydroFlowDriver pushAll(String input, Collection<?> values) {
        SteppedFlow flow = withInput(input);
        values.forEach(value -> flow.push(input, value));
        return this;
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs one tick of a location: of a process, its one instance; of a cluster, every member once in member
     * order. Only values that arrived before the tick take part; what the tick sends over an edge waits for
     * the receiver's next tick.
     */
    public HydroFlowDriver runTick(String location) {
        withLocation(location).runTick(location);
        return this;
    }

    /** Runs one tick of one member of a cluster (member 0 of a process). */
    public HydroFlowDriver runTick(String location, int member) {
        withLocation(location).runTick(location, member);
        return this;
    }

    /**
     * Runs ticks of every instance that has work, flow by flow, until none has; returns how many ticks ran.
     * Fails when work never runs out (a cycle that schedules work every tick).
     */
    public int runUntilQuiescent() {
        int ran = 0;
        for (SteppedFlow flow : flows) {
            ran += flow.runUntilQuiescent();
        }
        return ran;
    }

    /** Whether no instance has work waiting: pushed values, records in flight, fired timers. */
    public boolean isQuiescent() {
        return flows.stream().allMatch(SteppedFlow::isQuiescent);
    }

    /**
     * Moves the manual clock of every flow forward, firing due {@code sourceInterval} timers; what they emit
     * enters the next tick. The clock starts at 2026-01-01T00:00:00Z.
     */
    public HydroFlowDriver advanceTime(Duration duration) {
        flows.forEach(flow -> flow.advanceTime(duration));
        return this;
    }

    // ---------------------------------------------------------------- outputs and edges

    /** Everything that reached the named output ({@code destSink(name)}) so far, in arrival order. */
    public List<Object> output(String name) {
        return withOutput(name).output(name);
    }

    /** {@link #output(String)} with every element checked to be a {@code type}. */
    public <T> List<T> output(String name, Class<T> type) {
        return typed(name, output(name), type);
    }

    /**
     * What reached the named output since the previous {@code newOutput} call for it (everything, the first
     * time): handy to check a flow tick by tick.
     */
    public List<Object> newOutput(String name) {
        return withOutput(name).newOutput(name);
    }

    /** {@link #newOutput(String)} with every element checked to be a {@code type}. */
    public <T> List<T> newOutput(String name, Class<T> type) {
        return typed(name, newOutput(name), type);
    }

    private static <T> List<T> typed(String output, List<Object> values, Class<T> type) {
        List<T> typedValues = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (!type.isInstance(value)) {
                throw new IllegalStateException("element " + i + " of output '" + output + "' is a "
                        + (value == null ? "null" : value.getClass().getName() + " (" + value + ")")
                        + ", not a " + type.getName());
            }
            typedValues.add(type.cast(value));
        }
        return List.copyOf(typedValues);
    }

    /**
     * How many records were sent on a network edge so far, over all sending instances (a broadcast counts one
     * record per receiving member). Edge names are {@code <from>-to-<to>[-<kind>]}, e.g.
     * {@code leader-to-worker-round-robin}.
     */
    public long edgeRecords(String edge) {
        return withEdge(edge).edgeRecords(edge);
    }

    /** Records sent so far on every edge of the single flow, by edge name, in declaration order. */
    public Map<String, Long> edgeRecords() {
        return single("edgeRecords()").edgeRecords();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts every flow of this driver over from a fresh deployment: no state, no queued values, no outputs,
     * counters at zero, the clock back at its start. {@code @HydroFlowTest} calls it before every test method.
     */
    public HydroFlowDriver reset() {
        flows.forEach(SteppedFlow::reset);
        return this;
    }

    /** Closes the deployments; the application context does it when it closes. A view from {@link #flow} does nothing. */
    @Override
    public void close() {
        if (owner) {
            flows.forEach(SteppedFlow::close);
        }
    }

    @Override
    public String toString() {
        return "HydroFlowDriver" + flows();
    }

    // ---------------------------------------------------------------- name resolution

    private SteppedFlow single(String operation) {
        if (flows.size() == 1) {
            return flows.get(0);
        }
        if (flows.isEmpty()) {
            throw new IllegalStateException(operation + ": the application defines no FlowDefinition bean");
        }
        throw new IllegalStateException(operation + " needs one flow, but the application has " + flows()
                + "; pick one first: driver.flow(\"" + flows.get(0).name() + "\")." + operation);
    }

    private SteppedFlow withInput(String name) {
        return find("input", name, f -> f.hasInput(name), SteppedFlow::describeInputs,
                "declare it with sourceStream(\"" + name + "\", type)");
    }

    private SteppedFlow withOutput(String name) {
        return find("output", name, f -> f.hasOutput(name), SteppedFlow::outputNames,
                "declare it with destSink(\"" + name + "\")");
    }

    private SteppedFlow withLocation(String name) {
        return find("location", name, f -> f.hasLocation(name), SteppedFlow::locationNames,
                "a location is named after its tag type (Leader becomes leader) or its spec");
    }

    private SteppedFlow withEdge(String name) {
        return find("edge", name, f -> f.hasEdge(name), SteppedFlow::edgeNames,
                "edges are named <from>-to-<to>[-<kind>], e.g. leader-to-worker-round-robin");
    }

    private SteppedFlow find(String kind, String name, Predicate<SteppedFlow> has,
            Function<SteppedFlow, List<String>> known, String hint) {
        List<SteppedFlow> matches = flows.stream().filter(has).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            if (flows.isEmpty()) {
                throw new IllegalArgumentException("no " + kind + " '" + name
                        + "': the application defines no FlowDefinition bean");
            }
            StringBuilder knownNames = new StringBuilder();
            for (SteppedFlow flow : flows) {
                if (knownNames.length() > 0) {
                    knownNames.append("; ");
                }
                knownNames.append(flows.size() > 1 ? "flow " + flow.name() + ": " : "").append(known.apply(flow));
            }
            throw new IllegalArgumentException("no " + kind + " named '" + name + "'"
                    + (flows.size() == 1 ? " in flow " + flows.get(0).name() : "") + "; the " + kind + "s are "
                    + knownNames + " (" + hint + ")");
        }
        List<String> names = matches.stream().map(SteppedFlow::name).toList();
        throw new IllegalArgumentException(kind + " '" + name + "' exists in several flows " + names
                + "; pick one first, e.g. driver.flow(\"" + names.get(0) + "\")");
    }
}
