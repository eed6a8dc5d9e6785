package dev.hydro.spring.autoconfigure;

import dev.hydro.location.FlowBuilder;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application's flows, each built once from its {@link FlowDefinition} bean.
 *
 * <pre>{@code
 * hydroFlows.flows().forEach(f -> System.out.println(f.graph().describe()));
 * }</pre>
 *
 * @param flows the built flows, in bean registration order
 */
public record HydroFlows(List<Flow> flows) {

    /** Builds every definition; a definition that fails to build fails the context with its bean name. */
    public static HydroFlows build(Map<String, FlowDefinition> definitions) {
        List<Flow> flows = new ArrayList<>();
        definitions.forEach((beanName, definition) -> {
            try {
                // inside the try: a bean name that makes no valid flow name must fail naming the bean, too
                FlowBuilder builder = new FlowBuilder(Flow.flowName(beanName));
                definition.define(builder);
                flows.add(new Flow(beanName, builder.build()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("FlowDefinition bean '" + beanName + "' does not build: "
                        + e.getMessage(), e);
            }
        });
        return new HydroFlows(List.copyOf(flows));
    }
}
