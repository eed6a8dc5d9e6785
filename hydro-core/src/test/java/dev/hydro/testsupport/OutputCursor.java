package dev.hydro.testsupport;

import dev.hydro.deploy.LocalDeployment;
import java.util.List;

/**
 * Reads what a named output ({@code destSink}) received since the previous read, so a test can assert tick by
 * tick: run a tick, call {@link #next()}, compare.
 *
 * <pre>{@code
 * OutputCursor out = OutputCursor.of(deployment, "out");
 * deployment.runTick(process);
 * assertThat(out.next()).containsExactly(1, 2, 3);
 * }</pre>
 */
public final class OutputCursor {

    private final LocalDeployment deployment;
    private final String name;
    private int seen;

    private OutputCursor(LocalDeployment deployment, String name) {
        this.deployment = deployment;
        this.name = name;
    }

    /** A cursor positioned at the start of the named output. */
    public static OutputCursor of(LocalDeployment deployment, String name) {
        return new OutputCursor(deployment, name);
    }

    /** The elements that arrived since the previous call, in arrival order. */
    public List<Object> next() {
        List<Object> all = deployment.output(name);
        List<Object> fresh = List.copyOf(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }
}
