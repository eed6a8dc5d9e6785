package dev.hydro.state;

import dev.hydro.location.MemberId;
import dev.hydro.network.BincodeCodec;
import dev.hydro.network.CodecException;
import dev.hydro.stream.Indexed;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes operator state for a state log. Strings, longs and integers get a compact form of their own (they
 * are most keys and counts); the engine's generic records ({@link KeyValue}, {@link Pair}, {@link Indexed},
 * {@link MemberId}), lists, sets, maps and {@link Optional} are encoded element by element; every other value
 * goes through {@link BincodeCodec}, so the same value types that can travel on an edge can be kept as state.
 * Lists, sets and maps come back as {@link ArrayList}, {@link HashSet} or {@link LinkedHashSet}, and
 * {@link HashMap} or {@link LinkedHashMap} (insertion-ordered ones keep their order).
 *
 * <pre>{@code
 * byte[] bytes = StateCodec.encode(List.of(KeyValue.of("hydro", 3L)));
 * Object back = StateCodec.decode(bytes, 0, bytes.length);
 * }</pre>
 */
public final class StateCodec {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte VALUE = 4;
    private static final byte LIST = 5;
    private static final byte HASH_SET = 6;
    private static final byte ORDERED_SET = 7;
    private static final byte HASH_MAP = 8;
    private static final byte ORDERED_MAP = 9;
    private static final byte KEY_VALUE = 10;
    private static final byte PAIR = 11;
    private static final byte INDEXED = 12;
    private static final byte MEMBER_ID = 13;
    private static final byte OPTIONAL = 14;
    private static final byte TRUE = 15;
    private static final byte FALSE = 16;

    private StateCodec() {
    }

    /**
     * Encodes a state key or value.
     *
     * @throws IllegalArgumentException naming the type if it cannot be kept as state
     */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes what {@link #encode} wrote.
     *
     * @throws CodecException if the bytes are not a valid encoding
     */
    public static Object decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        try {
            Object value = read(in);
            if (in.hasRemaining()) {
                throw new CodecException("corrupt state encoding: " + in.remaining() + " trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CodecException("corrupt state encoding: " + e, e);
        }
    }

    private static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof KeyValue<?, ?> kv) {
            out.writeByte(KEY_VALUE);
            write(out, kv.key());
            write(out, kv.value());
        } else if (value instanceof Pair<?, ?> pair) {
            out.writeByte(PAIR);
            write(out, pair.first());
            write(out, pair.second());
        } else if (value instanceof Indexed<?> indexed) {
            out.writeByte(INDEXED);
            out.writeLong(indexed.index());
            write(out, indexed.value());
        } else if (value instanceof MemberId<?> member) {
            out.writeByte(MEMBER_ID);
            out.writeInt(member.raw());
        } else if (value instanceof Optional<?> optional) {
            out.writeByte(OPTIONAL);
            write(out, optional.orElse(null));
        } else if (value instanceof List<?> list) {
            writeAll(out, LIST, list);
        } else if (value instanceof Set<?> set) {
            writeAll(out, set instanceof HashSet<?> && !(set instanceof LinkedHashSet<?>) ? HASH_SET : ORDERED_SET,
                    set);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(map instanceof HashMap<?, ?> && !(map instanceof LinkedHashMap<?, ?>) ? HASH_MAP
                    : ORDERED_MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey());
                write(out, entry.getValue());
            }
        } else {
            byte[] framed;
            try {
                framed = BincodeCodec.shared().encode(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot keep a " + value.getClass().getName()
                        + " as logged state: " + e.getMessage() + " (state may also be a list, set or map of such"
                        + " values)", e);
            }
            out.writeByte(VALUE);
            out.writeInt(framed.length);
            out.write(framed);
        }
    }

    private static void writeAll(DataOutputStream out, byte tag, Collection<?> elements) throws IOException {
        out.writeByte(tag);
        out.writeInt(elements.size());
        for (Object element : elements) {
            write(out, element);
        }
    }

    private static Object read(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case STRING -> new String(bytes(in, in.getInt()), StandardCharsets.UTF_8);
            case LONG -> in.getLong();
            case INT -> in.getInt();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case KEY_VALUE -> new KeyValue<>(read(in), read(in));
            case PAIR -> new Pair<>(read(in), read(in));
            case INDEXED -> new Indexed<>(in.getLong(), read(in));
            case MEMBER_ID -> MemberId.of(in.getInt());
            case OPTIONAL -> Optional.ofNullable(read(in));
            case LIST -> readAll(in, new ArrayList<>());
            case HASH_SET -> readAll(in, new HashSet<>());
            case ORDERED_SET -> readAll(in, new LinkedHashSet<>());
            case HASH_MAP -> readMap(in, new HashMap<>());
            case ORDERED_MAP -> readMap(in, new LinkedHashMap<>());
            case VALUE -> BincodeCodec.shared().decode(bytes(in, in.getInt()));
            default -> throw new CodecException("corrupt state encoding: unknown tag " + tag);
        };
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new CodecException("corrupt state encoding: length " + length + " with " + in.remaining()
                    + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static <C extends Collection<Object>> C readAll(ByteBuffer in, C into) {
        int size = size(in);
        for (int i = 0; i < size; i++) {
            into.add(read(in));
        }
        return into;
    }

    private static Map<Object, Object> readMap(ByteBuffer in, Map<Object, Object> into) {
        int size = size(in);
        for (int i = 0; i < size; i++) {
            into.put(read(in), read(in));
        }
        return into;
    }

    /** A collection size, checked against the bytes left (every element takes at least one byte). */
    private static int size(ByteBuffer in) {
        int size = in.getInt();
        if (size < 0 || size > in.remaining()) {
            throw new CodecException("corrupt state encoding: " + size + " elements in " + in.remaining() + " bytes");
        }
        return size;
    }
}
