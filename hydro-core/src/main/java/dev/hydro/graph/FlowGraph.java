package dev.hydro.graph;

import dev.hydro.location.Location;
import dev.hydro.network.NetworkEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, frozen flow graph: its locations, operator nodes, network edges, and the stratum of every
 * node. Strata order evaluation inside a tick: a node runs after everything it consumes through a blocking
 * input; a forward-reference cycle must stay within one stratum (it may not pass through a fold, sort or
 * anti-join), otherwise building fails and says where to put a {@code deferTick()}.
 *
 * <pre>{@code
 * FlowGraph graph = flow.build();
 * System.out.println(graph.describe()); // Mermaid flowchart
 * }</pre>
 */
public final class FlowGraph {

    private final String name;
    private final List<Location<?>> locations;
    private final List<Node> nodes;
    private final List<NetworkEdge> edges;
    private final List<ExternalPort> inputs;
    private final List<ExternalPort> outputs;
    private final int[] strata;

    FlowGraph(String name, List<Location<?>> locations, List<Node> nodes, List<NetworkEdge> edges,
            List<ExternalPort> inputs, List<ExternalPort> outputs) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.locations = List.copyOf(locations);
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        for (Node node : nodes) {
            if (node.awaitsCompletion()) {
                throw new IllegalStateException("the " + node.label() + " created at location '"
                        + node.location().name() + "' (node " + node.id() + ") was never completed;"
                        + " call complete/completeNextTick on it before building the flow");
            }
        }
        this.strata = stratify(nodes);
    }

    /** The flow's name. */
    public String name() {
        return name;
    }

    /** The locations, in creation order. */
    public List<Location<?>> locations() {
        return locations;
    }

    /** All nodes, in a topological order (back edges aside). */
    public List<Node> nodes() {
        return nodes;
    }

    /** The network edges. */
    public List<NetworkEdge> edges() {
        return edges;
    }

    /** The named external inputs ({@code sourceStream(name, type)}). */
    public List<ExternalPort> inputs() {
        return inputs;
    }

    /** The named external outputs ({@code destSink(name)}). */
    public List<ExternalPort> outputs() {
        return outputs;
    }

    /** The location with the given name. */
    public Location<?> location(String locationName) {
        for (Location<?> location : locations) {
            if (location.name().equals(locationName)) {
                return location;
            }
        }
        throw new IllegalArgumentException("flow '" + name + "' has no location '" + locationName + "'; it has "
                + locations.stream().map(Location::name).toList());
    }

    /** The nodes that run at a location, in topological order. */
    public List<Node> nodesAt(Location<?> location) {
        return nodes.stream().filter(n -> n.location() == location).toList();
    }

    /** The stratum of a node. */
    public int stratum(Node node) {
        return strata[node.id()];
    }

    /**
     * Renders the graph as a Mermaid flowchart: one subgraph per location, operators inside ticks marked,
     * network edges dotted and labelled with their kind, back edges labelled.
     */
    public String describe() {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (int i = 0; i < locations.size(); i++) {
            Location<?> location = locations.get(i);
            out.append("  subgraph loc").append(i).append("[\"").append(location.name())
                    .append(location.isCluster() ? " (cluster)" : " (process)").append("\"]\n");
            for (Node node : nodesAt(location)) {
                out.append("    n").append(node.id()).append("[\"").append(node.label())
                        .append(node.inTick() ? " (tick)" : "").append("\"]\n");
            }
            out.append("  end\n");
        }
        Map<NetworkEdge, Node> receivers = new HashMap<>();
        for (Node node : nodes) {
            if (node.edge() != null && node.inputs().isEmpty()) {
                receivers.put(node.edge(), node);
            }
        }
        for (Node node : nodes) {
            for (Input input : node.inputs()) {
                String arrow = switch (input.kind()) {
                    case PUSH -> " --> ";
                    case BLOCKING -> " == blocking ==> ";
                    case NEXT_TICK -> " -. next tick .-> ";
                    case FIXPOINT -> " -. fixpoint .-> ";
                };
                out.append("  n").append(input.node().id()).append(arrow).append('n').append(node.id()).append('\n');
            }
            if (node.edge() != null && !node.inputs().isEmpty()) {
                Node receiver = receivers.get(node.edge());
                out.append("  n").append(node.id()).append(" -. \"").append(node.edge().kind().label())
                        .append(node.edge().bincode() ? " bincode" : " bytes").append(": ")
                        .append(node.edge().name()).append("\" .-> n").append(receiver.id()).append('\n');
            }
        }
        return out.toString();
    }

    private static int[] stratify(List<Node> nodes) {
        int[] strata = new int[nodes.size()];
        int limit = nodes.size() + 1;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node node : nodes) {
                int stratum = 0;
                for (Input input : node.inputs()) {
                    int from = strata[input.node().id()];
                    stratum = switch (input.kind()) {
                        case PUSH, FIXPOINT -> Math.max(stratum, from);
                        case BLOCKING -> Math.max(stratum, from + 1);
                        case NEXT_TICK -> stratum;
                    };
                }
                if (stratum > limit) {
                    throw new IllegalStateException("the cycle through the " + node.label() + " at location '"
                            + node.location().name() + "' (node " + node.id() + ") passes through an operator"
                            + " that needs its whole input (fold, reduce, sort, chain, anti-join);"
                            + " a fixpoint cannot converge through it: break the cycle with deferTick()"
                            + " or a tick cycle");
                }
                if (stratum != strata[node.id()]) {
                    strata[node.id()] = stratum;
                    changed = true;
                }
            }
        }
        return strata;
    }

}
