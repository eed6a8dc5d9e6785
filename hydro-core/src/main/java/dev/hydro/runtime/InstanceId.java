package dev.hydro.runtime;

/**
 * Identifies one running location instance: a process ({@code member} 0) or one member of a cluster.
 *
 * <pre>{@code
 * InstanceId worker2 = new InstanceId("workers", 2); // "workers/2"
 * }</pre>
 *
 * @param location the location name
 * @param member the member id, 0 for a process
 */
public record InstanceId(String location, int member) {

    @Override
    public String toString() {
        return location + "/" + member;
    }
}
