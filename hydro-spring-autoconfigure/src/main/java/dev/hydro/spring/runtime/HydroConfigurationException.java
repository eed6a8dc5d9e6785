package dev.hydro.spring.runtime;

/**
 * A configuration mistake found at start-up. It names the property and the fix, and the starter's
 * failure analyzer prints both instead of a stack trace.
 *
 * <pre>{@code
 * throw new HydroConfigurationException("hydro.instance.member-id",
 *     "member id 5 is out of range for cluster 'workers' with 3 members",
 *     "Set hydro.instance.member-id to a value from 0 to 2, or raise hydro.clusters.workers.members.");
 * }</pre>
 */
public class HydroConfigurationException extends RuntimeException {

    private final String property;
    private final String action;

    /** A mistake in {@code property}, described by {@code description}, fixed by {@code action}. */
    public HydroConfigurationException(String property, String description, String action) {
        super(property + ": " + description);
        this.property = property;
        this.action = action;
    }

    /** The property at fault. */
    public String property() {
        return property;
    }

    /** What the user should do. */
    public String action() {
        return action;
    }
}
