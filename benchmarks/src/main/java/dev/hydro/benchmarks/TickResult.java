package dev.hydro.benchmarks;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.Location;
import java.util.function.Consumer;

/**
 * The per-tick result of a benchmarked flow: the flow's {@code forEach} sink writes it, and
 * {@link #runOneTick} runs one tick and checks that exactly one result arrived.
 *
 * <pre>{@code
 * TickResult sum = new TickResult();
 * stream.fold(Fold.sumLong(x -> x)).intoStream().allTicks().forEach(sum.sink());
 * long value = sum.runOneTick(deployment, process);
 * }</pre>
 */
final class TickResult {

    private long value;
    private int delivered;

    /** Where the flow delivers its per-tick result. */
    Consumer<Long> sink() {
        return result -> {
            value = result;
            delivered++;
        };
    }

    /** Runs one tick of {@code location} and returns the one result it delivered. */
    long runOneTick(LocalDeployment deployment, Location<?> location) {
        int before = delivered;
        deployment.runTick(location);
        if (delivered != before + 1) {
            throw new IllegalStateException("the tick delivered " + (delivered - before) + " results, expected 1");
        }
        return value;
    }
}
