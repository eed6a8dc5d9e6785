package dev.hydro.network;

import java.util.Arrays;

/** Builds bincode frames by hand for the codec tests. */
final class Frames {

    private Frames() {
    }

    /** The frame header the codec writes for {@code className}. */
    static byte[] header(String className) {
        return BincodeCodec.header(className);
    }

    /** {@code a} followed by {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
