package dev.hydro.network;

/**
 * The receiving end of one network edge at one destination instance; a transport calls it for every
 * record addressed to that instance, from any thread. It may block to push back on the transport.
 *
 * <pre>{@code
 * EdgeReceiver receiver = (senderMember, payload) -> queue.put(new Received(senderMember, payload));
 * }</pre>
 */
@FunctionalInterface
public interface EdgeReceiver {

    /** Delivers one record sent by member {@code senderMember} of the sending location. */
    void receive(int senderMember, byte[] payload) throws InterruptedException;
}
