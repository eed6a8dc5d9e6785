package dev.hydro.spring.actuate;

import dev.hydro.location.Location;
import dev.hydro.spring.runtime.Flow;
import dev.hydro.spring.runtime.HydroRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/hydro}: the flows of this application, their locations and cluster sizes, the
 * instances this application runs with their tick counters and state, and each flow's graph as Mermaid.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/hydro
 * {"flows":[{"name":"word-count","locations":[...],"instances":[{"location":"leader","member":0,
 *   "state":"RUNNING","ticks":42}],"mermaid":"flowchart LR ..."}]}
 * }</pre>
 */
@Endpoint(id = "hydro")
public class HydroEndpoint {

    private final HydroRuntime runtime;

    public HydroEndpoint(HydroRuntime runtime) {
        this.runtime = runtime;
    }

    /** The report. */
    @ReadOperation
    public Map<String, Object> report() {
        List<Map<String, Object>> flows = new ArrayList<>();
        for (Flow flow : runtime.flows()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", flow.name());
            entry.put("bean", flow.beanName());
            List<Map<String, Object>> locations = new ArrayList<>();
            for (Location<?> location : flow.graph().locations()) {
                locations.add(Map.of("name", location.name(), "kind", location.isCluster() ? "cluster" : "process",
                        "members", runtime.plan().members(location.name())));
            }
            entry.put("locations", locations);
            entry.put("edges", flow.graph().edges().stream().map(e -> Map.of("name", e.name(), "from", e.from(),
                    "to", e.to(), "kind", e.kind().label())).toList());
            List<Map<String, Object>> instances = new ArrayList<>();
            for (HydroRuntime.RunningInstance running : runtime.instances()) {
                if (running.flow() == flow) {
                    Map<String, Object> instance = new LinkedHashMap<>();
                    instance.put("location", running.id().location());
                    instance.put("member", running.id().member());
                    instance.put("state", HydroHealthIndicator.state(running));
                    instance.put("ticks", running.instance().ticks());
                    if (running.loop().failure() != null) {
                        instance.put("failure", String.valueOf(running.loop().failure()));
                    }
                    instances.add(instance);
                }
            }
            entry.put("instances", instances);
            entry.put("mermaid", flow.graph().describe());
            flows.add(entry);
        }
        return Map.of("running", runtime.isRunning(), "flows", flows);
    }
}
