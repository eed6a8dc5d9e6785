package dev.hydro.state;

/**
 * One encoded entry of a location instance's state log: the record a changelog keeps. The key names the
 * operator (its node id) and the entry's key inside it; a {@code null} value is a deletion (a Kafka
 * tombstone).
 *
 * <pre>{@code
 * StateEntry entry = StateEntry.of(7, "hydro", 3L);
 * int node = entry.node();
 * }</pre>
 *
 * @param key the operator's node id (4 bytes, big-endian), then the {@link StateCodec} encoding of the key
 * @param value the {@link StateCodec} encoding of the value, or {@code null} for a deletion
 */
public record StateEntry(byte[] key, byte[] value) {

    /** Encodes an entry of node {@code node}. */
    public static StateEntry of(int node, Object key, Object value) {
        byte[] encodedKey = StateCodec.encode(key);
        byte[] framed = new byte[4 + encodedKey.length];
        framed[0] = (byte) (node >>> 24);
        framed[1] = (byte) (node >>> 16);
        framed[2] = (byte) (node >>> 8);
        framed[3] = (byte) node;
        System.arraycopy(encodedKey, 0, framed, 4, encodedKey.length);
        return new StateEntry(framed, value == null ? null : StateCodec.encode(value));
    }

    /** The node id the entry belongs to. */
    public int node() {
        if (key.length < 4) {
            throw new IllegalStateException("corrupt state entry: key of " + key.length + " bytes");
        }
        return ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
    }

    /** The decoded key inside the operator. */
    public Object decodedKey() {
        return StateCodec.decode(key, 4, key.length - 4);
    }

    /** The decoded value, or {@code null} for a deletion. */
    public Object decodedValue() {
        return value == null ? null : StateCodec.decode(value, 0, value.length);
    }
}
