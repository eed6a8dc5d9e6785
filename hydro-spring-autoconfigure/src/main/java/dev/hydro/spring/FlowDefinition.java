package dev.hydro.spring;

import dev.hydro.location.FlowBuilder;

/**
 * A dataflow declared as a Spring bean. The starter builds every {@code FlowDefinition} bean once, names
 * the flow after the bean ({@code wordCount} becomes {@code word-count}), and runs the location instances
 * that {@code hydro.instance.*} assigns to this application.
 *
 * <pre>{@code
 * @Bean
 * FlowDefinition wordCount() {
 *     return flow -> {
 *         Process<Leader> leader = flow.process(Leader.class);
 *         leader.sourceStream("lines", String.class)
 *               .map(String::toUpperCase)
 *               .destSink("shouted");
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FlowDefinition {

    /** Adds this flow's locations and streams to {@code flow}. */
    void define(FlowBuilder flow);
}
