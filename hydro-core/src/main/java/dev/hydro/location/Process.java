package dev.hydro.location;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.stream.AtLeastOnce;
import dev.hydro.stream.ExactlyOnce;

/**
 * A location with exactly one instance. As a destination it accepts {@code sendBincode}/{@code sendBytes}
 * from processes (a plain stream arrives) and from clusters (a stream keyed by sender arrives).
 *
 * <pre>{@code
 * Process<Leader> leader = flow.process(Leader.class);
 * leader.sourceIter(List.of(1, 2, 3)).map(x -> x * 2).forEach(System.out::println);
 * }</pre>
 *
 * @param <P> the phantom tag type
 */
public final class Process<P> extends Location<Process<P>> implements
        Target.ProcessSend<Process<P>, Process<?>, AtLeastOnce, AtLeastOnce>,
        Target.ClusterSend<Process<P>, Cluster<?>, AtLeastOnce, AtLeastOnce>,
        Target.ProcessBytes<Process<P>, Process<?>, AtLeastOnce, AtLeastOnce, byte[]>,
        Target.ClusterBytes<Process<P>, Cluster<?>, AtLeastOnce, AtLeastOnce, byte[]> {

    Process(GraphBuilder graph, String name, Class<P> tag) {
        super(graph, name, tag);
    }

    @Override
    public boolean isCluster() {
        return false;
    }

    @Override
    public Location<?> destination() {
        return this;
    }

    @Override
    public boolean requiresExactlyOnce() {
        return false;
    }

    /**
     * This process as the destination of an exactly-once edge: the received stream is
     * {@link ExactlyOnce}. Compiles only for an exactly-once input; deploying it needs an exactly-once
     * transport (the in-memory one, or Kafka with {@code hydro.processing.guarantee=exactly-once}).
     */
    public ExactlyOnceTarget<P> exactlyOnce() {
        return new ExactlyOnceTarget<>(this);
    }

    /**
     * A process as the destination of an exactly-once edge.
     *
     * @param <P> the process's tag
     */
    public static final class ExactlyOnceTarget<P> implements
            Target.ProcessSend<Process<P>, Process<?>, ExactlyOnce, ExactlyOnce>,
            Target.ClusterSend<Process<P>, Cluster<?>, ExactlyOnce, ExactlyOnce>,
            Target.ProcessBytes<Process<P>, Process<?>, ExactlyOnce, ExactlyOnce, byte[]>,
            Target.ClusterBytes<Process<P>, Cluster<?>, ExactlyOnce, ExactlyOnce, byte[]> {

        private final Process<P> process;

        ExactlyOnceTarget(Process<P> process) {
            this.process = process;
        }

        @Override
        public Location<?> destination() {
            return process;
        }

        @Override
        public boolean requiresExactlyOnce() {
            return true;
        }
    }
}
