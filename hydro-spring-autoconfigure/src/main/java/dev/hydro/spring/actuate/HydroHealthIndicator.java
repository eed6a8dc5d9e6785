package dev.hydro.spring.actuate;

import dev.hydro.spring.runtime.HydroRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the tick loops this application runs and of their transports: {@code UP} while every loop runs and
 * every transport delivers, {@code DOWN} (with the error) once a tick has failed and stopped its loop, or an
 * edge consumer or send has failed.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/health/hydro
 * {"status":"UP","details":{"word-count/leader/0":"RUNNING"}}
 * }</pre>
 */
public class HydroHealthIndicator extends AbstractHealthIndicator {

    private final HydroRuntime runtime;

    public HydroHealthIndicator(HydroRuntime runtime) {
        super("Hydro health check failed");
        this.runtime = runtime;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = runtime.isRunning() || runtime.instances().isEmpty();
        for (HydroRuntime.RunningInstance running : runtime.instances()) {
            String state = state(running);
            details.put(running.flow().name() + "/" + running.id(), state);
            up &= !state.equals("FAILED");
        }
        for (Map.Entry<String, dev.hydro.network.Transport> transport : runtime.transports().entrySet()) {
            String failure = transport.getValue().failure();
            details.put(transport.getKey() + "/transport", failure == null ? "UP" : failure);
            up &= failure == null;
        }
        (up ? builder.up() : builder.down()).withDetails(details);
    }

    static String state(HydroRuntime.RunningInstance running) {
        if (running.loop().failure() != null) {
            return "FAILED";
        }
        return running.loop().isRunning() ? "RUNNING" : "STOPPED";
    }
}
