package dev.hydro.graph;

import dev.hydro.location.Location;

/**
 * A named external input ({@code sourceStream(name, type)}) or output ({@code destSink(name)}) of a flow,
 * which a deployment binds to something outside: a Spring Cloud Stream binding, or a test handle.
 *
 * <pre>{@code
 * for (ExternalPort input : graph.inputs()) System.out.println(input.name() + " at " + input.location().name());
 * }</pre>
 *
 * @param name the input or output name
 * @param location where it is read or written
 * @param type the element type (for inputs; {@code Object} for outputs)
 */
public record ExternalPort(String name, Location<?> location, Class<?> type) {
}
