package dev.hydro.network;

/**
 * The receiving end of one network edge at one destination instance; a transport calls it for every
 * record addressed to that instance, from any thread. It may block to push back on the transport.
 *
 * <pre>{@code
 * EdgeReceiver receiver = (senderMember, payload, consumed) -> queue.put(payload);
 * }</pre>
 */
@FunctionalInterface
public interface EdgeReceiver {

    /**
     * Delivers one record sent by member {@code senderMember} of the sending location. The engine runs
     * {@code consumed} (if not null) after the tick that processed the record has finished and sent its own
     * records, when the tick's unit of durability commits: that is when a transport may commit the record's
     * position.
     */
    void receive(int senderMember, byte[] payload, Runnable consumed) throws InterruptedException;

    /**
     * How many more records {@link #receive} accepts right now without blocking, so that a transport able to
     * pause its source (a Kafka consumer) can stop fetching instead of blocking its thread or buffering. Only
     * meaningful to the thread that delivers to this receiver; the default is {@link Integer#MAX_VALUE}
     * (unknown or unbounded: a transport should then just call {@code receive} and let it push back).
     */
    default int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    /**
     * How much of {@link #remainingCapacity()} a record takes once received (a tick frame: its elements), so a
     * transport can tell whether it fits before handing it over; the default is 1.
     */
    default int weight(byte[] payload) {
        return 1;
    }
}
