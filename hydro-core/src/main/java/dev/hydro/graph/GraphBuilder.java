package dev.hydro.graph;

import dev.hydro.location.Location;
import dev.hydro.network.EdgeKind;
import dev.hydro.network.NetworkEdge;
import dev.hydro.runtime.OperatorFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable graph behind a {@code FlowBuilder}. The DSL only appends nodes; {@link #build()} validates
 * and freezes it. Engine internal: users go through {@code FlowBuilder}.
 *
 * <pre>{@code
 * Node source = graph.add("sourceIter", process, false, Shape.STREAM, factory, List.of());
 * }</pre>
 */
public final class GraphBuilder {

    private final String flowName;
    private final List<Location<?>> locations = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<NetworkEdge> edges = new ArrayList<>();
    private final Map<String, Integer> edgeNameUses = new HashMap<>();
    private final List<ExternalPort> inputs = new ArrayList<>();
    private final List<ExternalPort> outputs = new ArrayList<>();
    private FlowGraph built;

    public GraphBuilder(String flowName) {
        this.flowName = flowName;
    }

    /** The flow's name. */
    public String flowName() {
        return flowName;
    }

    /** Registers a location, rejecting a second location with the same tag or name. */
    public void addLocation(Location<?> location) {
        requireOpen();
        for (Location<?> existing : locations) {
            if (existing.tag().equals(location.tag())) {
                throw new IllegalArgumentException("locations '" + existing.name() + "' and '" + location.name()
                        + "' share the tag type " + location.tag().getName()
                        + "; give each location its own tag type so the compiler can tell their streams apart");
            }
            if (existing.name().equals(location.name())) {
                throw new IllegalArgumentException("two locations are named '" + location.name()
                        + "'; name one of them explicitly with ProcessSpec.named/ClusterSpec.named");
            }
        }
        locations.add(location);
    }

    /** Appends a node. */
    public Node add(String label, Location<?> location, boolean inTick, Shape shape, OperatorFactory factory,
            List<Input> inputs) {
        return append(label, location, inTick, shape, factory, null, inputs, false);
    }

    /** Appends a node whose last input is defined later with {@link #complete}. */
    public Node addAwaitingCompletion(String label, Location<?> location, boolean inTick, Shape shape,
            OperatorFactory factory) {
        return append(label, location, inTick, shape, factory, null, List.of(), true);
    }

    /** Appends a node that sends on or receives from a network edge. */
    public Node addNetwork(String label, Location<?> location, Shape shape, OperatorFactory factory,
            NetworkEdge edge, List<Input> inputs) {
        return append(label, location, false, shape, factory, edge, inputs, false);
    }

    /** Defines the input of a forward reference or cycle node. */
    public void complete(Node node, Input definition) {
        requireOpen();
        node.complete(definition);
    }

    /** Creates a network edge with a stable name: {@code <from>-to-<to>[-<kind>][-<n>]}. */
    public NetworkEdge newEdge(Location<?> from, Location<?> to, EdgeKind kind, boolean bincode,
            boolean exactlyOnce) {
        requireOpen();
        String base = from.name() + "-to-" + to.name() + (kind == EdgeKind.SEND ? "" : "-" + kind.label())
                + (bincode ? "" : "-bytes");
        int use = edgeNameUses.merge(base, 1, Integer::sum);
        NetworkEdge edge = new NetworkEdge(use == 1 ? base : base + "-" + use, from.name(), from.isCluster(),
                to.name(), to.isCluster(), kind, bincode, exactlyOnce);
        edges.add(edge);
        return edge;
    }

    /** Records a named external input read at {@code location}. */
    public void registerInput(String name, Location<?> location, Class<?> type) {
        requireOpen();
        inputs.add(new ExternalPort(name, location, type));
    }

    /** Records a named external output written at {@code location}. */
    public void registerOutput(String name, Location<?> location) {
        requireOpen();
        outputs.add(new ExternalPort(name, location, Object.class));
    }

    /** Validates and freezes the graph; later calls return the same graph. */
    public FlowGraph build() {
        if (built == null) {
            built = new FlowGraph(flowName, locations, nodes, edges, inputs, outputs);
        }
        return built;
    }

    private Node append(String label, Location<?> location, boolean inTick, Shape shape, OperatorFactory factory,
            NetworkEdge edge, List<Input> inputs, boolean awaitsCompletion) {
        requireOpen();
        Node node = new Node(nodes.size(), label, location, inTick, shape, factory, edge, inputs, awaitsCompletion);
        nodes.add(node);
        return node;
    }

    private void requireOpen() {
        if (built != null) {
            throw new IllegalStateException("flow '" + flowName + "' was already built; add operators before build()");
        }
    }
}
