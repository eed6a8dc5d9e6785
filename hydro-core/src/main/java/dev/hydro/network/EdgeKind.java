package dev.hydro.network;

/**
 * How a network edge chooses the destination member of each element.
 *
 * <pre>{@code
 * EdgeKind kind = EdgeKind.ROUND_ROBIN; // "roundRobinBincode"
 * }</pre>
 */
public enum EdgeKind {
    /** To the single member of a process. */
    SEND("send"),
    /** To every member of a cluster. */
    BROADCAST("broadcast"),
    /** To the member named by the element's key. */
    DEMUX("demux"),
    /** To the next member in turn. */
    ROUND_ROBIN("round-robin");

    private final String label;

    EdgeKind(String label) {
        this.label = label;
    }

    /** A short lower-case label used in edge names and diagrams. */
    public String label() {
        return label;
    }
}
