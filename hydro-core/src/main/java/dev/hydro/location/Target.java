package dev.hydro.location;

/**
 * Compile-time witnesses for network operators. A destination location implements the interfaces below
 * with type arguments that say which sender kind may reach it and what delivery the edge gives; the
 * operators on {@link dev.hydro.stream.Stream} take them with {@code ? super} wildcards, so:
 * <ul>
 *   <li>{@code sendBincode(process)} from a process gives a plain stream, and from a cluster a stream keyed by
 *       the sender's member id (the overload applicable to the sender's location kind is chosen);</li>
 *   <li>{@code sendBytes} compiles only on a stream of {@code byte[]}, and {@code demuxBincode} only on a stream
 *       keyed by the destination cluster's member ids;</li>
 *   <li>an edge is at-least-once unless the destination is given as {@code location.exactlyOnce()}, which
 *       compiles only for an exactly-once input and needs an exactly-once transport at deployment.</li>
 * </ul>
 * Users never name these types; they pass a {@link Process} or {@link Cluster}.
 *
 * <pre>{@code
 * Stream<String, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce> received = lines.sendBincode(leader);
 * }</pre>
 */
public final class Target {

    private Target() {
    }

    /** What every destination witness exposes to the engine. */
    public interface Destination {
        /** The destination location. */
        Location<?> destination();

        /** Whether the edge must be exactly-once. */
        boolean requiresExactlyOnce();
    }

    /** A process reachable with {@code sendBincode} from a process sender. */
    public interface ProcessSend<D, S, RIn, ROut> extends Destination {
    }

    /** A process reachable with {@code sendBincode} from a cluster sender. */
    public interface ClusterSend<D, S, RIn, ROut> extends Destination {
    }

    /** A process reachable with {@code sendBytes} ({@code E} is {@code byte[]}) from a process sender. */
    public interface ProcessBytes<D, S, RIn, ROut, E> extends Destination {
    }

    /** A process reachable with {@code sendBytes} from a cluster sender. */
    public interface ClusterBytes<D, S, RIn, ROut, E> extends Destination {
    }

    /** A cluster reachable with broadcast, round-robin and demux ({@code K}: its member ids) from a process. */
    public interface ProcessFanOut<D, S, RIn, ROut, K> extends Destination {
    }

    /** A cluster reachable with broadcast, round-robin and demux from a cluster sender. */
    public interface ClusterFanOut<D, S, RIn, ROut, K> extends Destination {
    }
}
