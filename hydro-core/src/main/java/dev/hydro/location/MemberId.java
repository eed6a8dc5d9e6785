package dev.hydro.location;

/**
 * The id of one member of a cluster, {@code 0..N-1}. The type parameter is the cluster's location type, so
 * ids of two clusters cannot be mixed up.
 *
 * <pre>{@code
 * MemberId<Cluster<Worker>> second = MemberId.of(1);
 * }</pre>
 *
 * @param <L> the location type of the cluster ({@code Cluster<C>})
 * @param raw the numeric id
 */
public record MemberId<L>(int raw) implements Comparable<MemberId<L>> {

    public MemberId {
        if (raw < 0) {
            throw new IllegalArgumentException("member id must be >= 0, was " + raw);
        }
    }

    /** The member with the given numeric id. */
    public static <L> MemberId<L> of(int raw) {
        return new MemberId<>(raw);
    }

    @Override
    public int compareTo(MemberId<L> other) {
        return Integer.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return "member-" + raw;
    }
}
