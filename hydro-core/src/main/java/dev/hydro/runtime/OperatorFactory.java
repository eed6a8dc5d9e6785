package dev.hydro.runtime;

/**
 * Creates the runtime operator of one graph node for one location instance. Each instance gets fresh
 * operators, so state is never shared between instances.
 *
 * <pre>{@code
 * OperatorFactory doubler = context -> new Doubler();
 * }</pre>
 */
@FunctionalInterface
public interface OperatorFactory {

    /** Creates the operator for the instance described by {@code context}. */
    Operator create(InstanceContext context);
}
