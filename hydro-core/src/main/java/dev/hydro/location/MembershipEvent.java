package dev.hydro.location;

/**
 * A change of a cluster's membership, as seen by the location that watches it with
 * {@link Location#members(Cluster, dev.hydro.stream.NonDet)}.
 *
 * <pre>{@code
 * process.members(workers, nondet).filter(e -> e.change() == MembershipEvent.Change.JOINED);
 * }</pre>
 *
 * @param <L> the cluster's location type
 * @param member the member that joined or left
 * @param change what happened
 */
public record MembershipEvent<L>(MemberId<L> member, Change change) {

    /** Whether a member joined or left. */
    public enum Change {
        JOINED, LEFT
    }
}
