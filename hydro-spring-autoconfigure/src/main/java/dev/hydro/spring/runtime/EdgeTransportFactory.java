package dev.hydro.spring.runtime;

import dev.hydro.network.Transport;

/**
 * Creates the transport for one flow's network edges. The starter provides a Kafka one and an in-JVM one;
 * declare your own bean to replace them.
 *
 * <pre>{@code
 * @Bean EdgeTransportFactory inMemory() { return (flow, plan) -> new InMemoryTransport(); }
 * }</pre>
 */
@FunctionalInterface
public interface EdgeTransportFactory {

    /** A transport for {@code flow}, whose cluster sizes are given by {@code plan}. */
    Transport create(Flow flow, InstancePlan plan);
}
