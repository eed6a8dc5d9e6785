package dev.hydro.location;

import dev.hydro.graph.GraphBuilder;
import dev.hydro.stream.AtLeastOnce;
import dev.hydro.stream.ExactlyOnce;

/**
 * A location with N member instances, ids {@code 0..N-1}. Every member runs the same operators on its own
 * data. As a destination it accepts {@code broadcastBincode}, {@code roundRobinBincode} and
 * {@code demuxBincode}; streams sent from a cluster arrive keyed by the sender's {@link MemberId}.
 *
 * <pre>{@code
 * Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
 * var onEveryWorker = leader.sourceIter(List.of("config")).broadcastBincode(workers);
 * }</pre>
 *
 * @param <C> the phantom tag type
 */
public final class Cluster<C> extends Location<Cluster<C>> implements
        Target.ProcessFanOut<Cluster<C>, Process<?>, AtLeastOnce, AtLeastOnce, MemberId<Cluster<C>>>,
        Target.ClusterFanOut<Cluster<C>, Cluster<?>, AtLeastOnce, AtLeastOnce, MemberId<Cluster<C>>> {

    private final int defaultMembers;

    Cluster(GraphBuilder graph, String name, Class<C> tag, int defaultMembers) {
        super(graph, name, tag);
        this.defaultMembers = defaultMembers;
    }

    @Override
    public boolean isCluster() {
        return true;
    }

    /** The number of members unless the deployment says otherwise. */
    public int defaultMembers() {
        return defaultMembers;
    }

    @Override
    public Location<?> destination() {
        return this;
    }

    @Override
    public boolean requiresExactlyOnce() {
        return false;
    }

    /** This cluster as the destination of exactly-once edges (see {@link Process#exactlyOnce()}). */
    public ExactlyOnceTarget<C> exactlyOnce() {
        return new ExactlyOnceTarget<>(this);
    }

    /**
     * A cluster as the destination of exactly-once edges.
     *
     * @param <C> the cluster's tag
     */
    public static final class ExactlyOnceTarget<C> implements
            Target.ProcessFanOut<Cluster<C>, Process<?>, ExactlyOnce, ExactlyOnce, MemberId<Cluster<C>>>,
            Target.ClusterFanOut<Cluster<C>, Cluster<?>, ExactlyOnce, ExactlyOnce, MemberId<Cluster<C>>> {

        private final Cluster<C> cluster;

        ExactlyOnceTarget(Cluster<C> cluster) {
            this.cluster = cluster;
        }

        @Override
        public Location<?> destination() {
            return cluster;
        }

        @Override
        public boolean requiresExactlyOnce() {
            return true;
        }
    }
}
