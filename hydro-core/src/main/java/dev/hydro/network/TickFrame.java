package dev.hydro.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one sender puts on the wire for one destination member per tick: every element the tick sent there,
 * packed into as few transport records as fit {@link #MAX_BYTES}. A transport then pays its per-record cost
 * (a Kafka record's headers, batching, offset, fetch) once per tick and member instead of once per element.
 * Layout: the byte {@value #MAGIC}, then per element its length as an unsigned LEB128 varint and its bytes
 * (a {@link BincodeCodec} frame, or the raw bytes of {@code sendBytes}), in send order.
 *
 * <pre>{@code
 * TickFrame.Builder frame = new TickFrame.Builder();
 * frame.add(BincodeCodec.shared().encode("hello"));
 * byte[] wire = frame.take();
 * TickFrame.forEachElement(wire, element -> System.out.println(BincodeCodec.shared().decode(element)));
 * }</pre>
 */
public final class TickFrame {

    /** The first byte of every tick frame; a single {@link BincodeCodec} frame starts with 1 instead. */
    public static final byte MAGIC = 2;

    /**
     * Largest frame a builder lets grow before it says {@link Builder#isFull()}: well under Kafka's default
     * {@code max.request.size} and {@code message.max.bytes} (1 MiB), large enough to amortise per-record costs.
     */
    public static final int MAX_BYTES = 512 * 1024;

    private TickFrame() {
    }

    /** Accumulates the elements of one frame. Not thread-safe: one per sender, member and tick loop. */
    public static final class Builder {
        private byte[] buffer = new byte[256];
        private int size;
        private int elements;

        /** Appends one element. */
        public void add(byte[] element) {
            ensure(size + 5 + element.length);
            if (size == 0) {
                buffer[size++] = MAGIC;
            }
            int length = element.length;
            while ((length & ~0x7f) != 0) {
                buffer[size++] = (byte) ((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            buffer[size++] = (byte) length;
            System.arraycopy(element, 0, buffer, size, element.length);
            size += element.length;
            elements++;
        }

        /** How many elements the frame holds. */
        public int elements() {
            return elements;
        }

        /** Whether the frame reached {@link #MAX_BYTES} and should be sent before more is added. */
        public boolean isFull() {
            return size >= MAX_BYTES;
        }

        /** The frame's bytes; the builder is empty again afterwards (and keeps a modest buffer). */
        public byte[] take() {
            byte[] frame = Arrays.copyOf(buffer, size);
            if (buffer.length > 2 * MAX_BYTES) {
                buffer = new byte[256]; // one huge element grew it: do not keep that much per member
            }
            size = 0;
            elements = 0;
            return frame;
        }

        private void ensure(int capacity) {
            if (capacity > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
            }
        }
    }

    /** Whether {@code payload} is a tick frame (rather than, say, a single bincode frame of an older sender). */
    public static boolean isFrame(byte[] payload) {
        return payload != null && payload.length > 0 && payload[0] == MAGIC;
    }

    /**
     * How many elements a frame holds, without copying them; 1 for anything that is not a well-formed frame
     * (which is delivered, and dead-lettered, as one record).
     */
    public static int count(byte[] payload) {
        if (!isFrame(payload)) {
            return 1;
        }
        try {
            int count = 0;
            for (int position = 1; position < payload.length; count++) {
                position = skip(payload, position);
            }
            return Math.max(1, count);
        } catch (CodecException corrupt) {
            return 1;
        }
    }

    /**
     * The elements of a frame, in send order. The whole frame is checked before anything is returned, so a
     * corrupt frame yields no elements at all.
     *
     * @throws CodecException if the bytes are not a well-formed tick frame
     */
    public static List<byte[]> elements(byte[] frame) {
        List<byte[]> elements = new ArrayList<>();
        forEachElement(frame, elements::add);
        return elements;
    }

    /**
     * Calls {@code each} with every element of a well-formed frame, in send order; checks the whole frame
     * first, so that {@code each} is not called at all for a corrupt one.
     *
     * @throws CodecException if the bytes are not a well-formed tick frame
     */
    public static void forEachElement(byte[] frame, Consumer<byte[]> each) {
        forEachSlice(frame, (bytes, offset, length) -> each.accept(Arrays.copyOfRange(bytes, offset, offset + length)));
    }

    /**
     * Calls {@code each} with the position of every element of a well-formed frame inside the frame, in send
     * order, so that a decoder can read it in place; checks the whole frame first, like
     * {@link #forEachElement}.
     *
     * @throws CodecException if the bytes are not a well-formed tick frame
     */
    public static void forEachSlice(byte[] frame, Slice each) {
        if (!isFrame(frame)) {
            throw new CodecException("not a hydro tick frame (missing or unknown first byte)");
        }
        int count = 0;
        for (int position = 1; position < frame.length; count++) {
            position = skip(frame, position);
        }
        int position = 1;
        for (int i = 0; i < count; i++) {
            long header = lengthAt(frame, position);
            int start = (int) (header >>> 32);
            int length = (int) header;
            each.accept(frame, start, length);
            position = start + length;
        }
    }

    /** One element of a frame, as a range of the frame's bytes; see {@link #forEachSlice}. */
    @FunctionalInterface
    public interface Slice {
        /** Receives the element in {@code frame[offset, offset + length)}; the bytes must not be modified. */
        void accept(byte[] frame, int offset, int length);
    }

    /** The position after the element at {@code position}, checking that it lies inside the frame. */
    private static int skip(byte[] frame, int position) {
        long header = lengthAt(frame, position);
        int start = (int) (header >>> 32);
        int length = (int) header;
        if (length > frame.length - start) {
            throw new CodecException("corrupt tick frame: an element of " + length + " bytes at offset " + start
                    + " runs past the frame's end (" + frame.length + " bytes)");
        }
        return start + length;
    }

    /** The varint length at {@code position}: the element's start in the high int, its length in the low int. */
    private static long lengthAt(byte[] frame, int position) {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            if (position >= frame.length || shift > 28) {
                throw new CodecException("corrupt tick frame: bad element length at offset " + position);
            }
            byte b = frame[position++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (length < 0) {
            throw new CodecException("corrupt tick frame: negative element length at offset " + position);
        }
        return ((long) position << 32) | (length & 0xffffffffL);
    }
}
