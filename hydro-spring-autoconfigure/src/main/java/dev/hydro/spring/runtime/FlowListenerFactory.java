package dev.hydro.spring.runtime;

import dev.hydro.observe.TickListener;

/**
 * Creates the {@link TickListener} of one flow, so that reports can be tagged with the flow's name. The
 * metrics auto-configuration contributes one; every bean of this type is called.
 *
 * <pre>{@code
 * @Bean FlowListenerFactory logTicks() {
 *     return flow -> new TickListener() {
 *         public void tickFinished(TickReport r) { log.debug("{} {}", flow, r); }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FlowListenerFactory {

    /** The listener for the flow named {@code flowName}. */
    TickListener create(String flowName);
}
