package dev.hydro.location;

/**
 * A reusable template for clusters: an optional name and the default number of members, which a
 * deployment may override.
 *
 * <pre>{@code
 * Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
 * }</pre>
 *
 * @param name the location name, or {@code null} to derive it from the tag
 * @param defaultMembers how many members the cluster has unless the deployment says otherwise
 */
public record ClusterSpec(String name, int defaultMembers) {

    public ClusterSpec {
        if (name != null) {
            LocationNames.requireValid(name);
        }
        if (defaultMembers < 1) {
            throw new IllegalArgumentException("a cluster needs at least 1 member, was " + defaultMembers);
        }
    }

    /** A cluster named after its tag with the given default size. */
    public static ClusterSpec ofMembers(int defaultMembers) {
        return new ClusterSpec(null, defaultMembers);
    }

    /** The same template with an explicit name. */
    public ClusterSpec named(String newName) {
        return new ClusterSpec(newName, defaultMembers);
    }
}
