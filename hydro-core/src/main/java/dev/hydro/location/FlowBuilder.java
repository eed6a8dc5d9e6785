package dev.hydro.location;

import dev.hydro.graph.FlowGraph;
import dev.hydro.graph.GraphBuilder;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds one dataflow graph: create locations, derive streams from them, connect them. Nothing runs while
 * building; {@link #build()} validates the graph and a deployment runs it.
 *
 * <pre>{@code
 * FlowBuilder flow = new FlowBuilder("hello");
 * Process<Greeter> greeter = flow.process(Greeter.class);
 * greeter.sourceIter(List.of("world")).map(n -> "hello " + n).forEach(System.out::println);
 * LocalDeployment.stepped(flow.build()).runUntilQuiescent();
 * }</pre>
 */
public final class FlowBuilder {

    private static final Pattern FLOW_NAME = Pattern.compile("[a-z][a-z0-9]*([-.][a-z0-9]+)*");

    private final GraphBuilder graph;

    /** Starts a flow; its name prefixes its Kafka topics and tags its metrics. */
    public FlowBuilder(String name) {
        if (name == null || !FLOW_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("flow name '" + name
                    + "' must be lower-case words joined by dashes or dots, e.g. 'word-count'");
        }
        this.graph = new GraphBuilder(name);
    }

    /** The flow's name. */
    public String name() {
        return graph.flowName();
    }

    /** A process named after its tag type. */
    public <P> Process<P> process(Class<P> tag) {
        return process(ProcessSpec.fromTag(), tag);
    }

    /** A process instantiated from a spec. */
    public <P> Process<P> process(ProcessSpec spec, Class<P> tag) {
        Objects.requireNonNull(tag, "tag");
        Process<P> process = new Process<>(graph, spec.name() != null ? spec.name() : LocationNames.fromTag(tag), tag);
        graph.addLocation(process);
        return process;
    }

    /** A cluster named after its tag type, with one member by default. */
    public <C> Cluster<C> cluster(Class<C> tag) {
        return cluster(ClusterSpec.ofMembers(1), tag);
    }

    /** A cluster instantiated from a spec. */
    public <C> Cluster<C> cluster(ClusterSpec spec, Class<C> tag) {
        Objects.requireNonNull(tag, "tag");
        Cluster<C> cluster = new Cluster<>(graph, spec.name() != null ? spec.name() : LocationNames.fromTag(tag), tag,
                spec.defaultMembers());
        graph.addLocation(cluster);
        return cluster;
    }

    /** Validates and freezes the graph. */
    public FlowGraph build() {
        return graph.build();
    }

    /** The graph as a Mermaid flowchart (builds it). */
    public String describe() {
        return build().describe();
    }
}
