package dev.hydro.network;

/**
 * The sending end of one network edge at one sender instance. Called only from that instance's tick loop.
 *
 * <pre>{@code
 * sender.send(2, payload); // to member 2 of the destination
 * sender.flush();          // at the end of the tick
 * }</pre>
 */
public interface EdgeSender {

    /** Sends one encoded element to a member of the destination location (0 for a process). */
    void send(int destinationMember, byte[] payload);

    /**
     * Called at the end of every tick in which something was sent; a transport may batch until here. A
     * transactional transport may leave it to the commit of the tick's unit, which flushes anyway.
     */
    default void flush() {
    }
}
