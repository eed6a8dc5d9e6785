package dev.hydro.network;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileWriteFeature;

/**
 * Encodes the values of {@code sendBincode} edges: Jackson Smile, framed with the value's class name so the
 * receiver can decode it although Java erases the stream's element type. Only value types are accepted:
 * strings, numbers, booleans, {@code java.time} values, enums and records whose components have concrete
 * types (wrap a collection in a record). A value of any other type fails at the sender with a message that
 * says what to change, and a received class name outside these rules is rejected before the class is even
 * initialised. No polymorphic default typing is ever enabled.
 *
 * <pre>{@code
 * record Count(String word, long n) {}
 * byte[] bytes = BincodeCodec.shared().encode(new Count("hydro", 2));
 * Count back = (Count) BincodeCodec.shared().decode(bytes);
 * }</pre>
 */
public final class BincodeCodec {

    private static final byte FORMAT_VERSION = 1;
    private static final int MAX_TYPE_NAME = 512;
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, Character.class, BigInteger.class,
            BigDecimal.class, byte[].class);
    private static final BincodeCodec SHARED = new BincodeCodec();

    /*
     * No property-name canonicalisation: a hostile frame with many distinct names made the shared symbol
     * table rehash over and over (about 80 bytes allocated and up to 1.7 s of CPU per input byte of a 1 MiB
     * frame, found by BincodeCodecPropertiesTest); without it decoding allocates about 5x its input.
     */
    /*
     * No shared-name back references either: an edge value is one small document, where they save nothing,
     * while tracking them cost each encode and decode a table (about half of what encoding allocated).
     */
    private final SmileMapper mapper = SmileMapper.builder(SmileFactory.builder()
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
            .disable(SmileWriteFeature.CHECK_SHARED_NAMES)
            .build()).build();
    private final Map<Class<?>, Encoder> encoders = new ConcurrentHashMap<>();
    private final Map<String, Decoder> decoders = new ConcurrentHashMap<>();
    /** The decoder of the last frame decoded: an edge carries one type, so its header is usually the same. */
    private volatile Decoder lastDecoder;

    /** A type's frame header and a writer bound to the type (no per-value serializer lookup). */
    private record Encoder(byte[] header, ObjectWriter writer) {
    }

    /** A decodable type, the frame header that names it and a reader bound to it. */
    private record Decoder(byte[] header, Class<?> type, ObjectReader reader) {
        boolean matches(byte[] buffer, int offset, int headerLength) {
            return header.length == headerLength
                    && Arrays.equals(header, 0, headerLength, buffer, offset, offset + headerLength);
        }
    }

    /** The codec instance shared by all edges of this JVM (it only caches per-type headers, readers and writers). */
    public static BincodeCodec shared() {
        return SHARED;
    }

    /**
     * Encodes a value.
     *
     * @throws IllegalArgumentException if the value's type cannot travel on an edge, naming the fix
     */
    public byte[] encode(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null cannot be sent on an edge");
        }
        Encoder encoder = encoders.computeIfAbsent(value.getClass(), this::encoderFor);
        byte[] header = encoder.header();
        byte[] body;
        try {
            body = encoder.writer().writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot serialize " + value.getClass().getName()
                    + " with Jackson Smile: " + e.getOriginalMessage(), e);
        }
        byte[] framed = new byte[header.length + body.length];
        System.arraycopy(header, 0, framed, 0, header.length);
        System.arraycopy(body, 0, framed, header.length, body.length);
        return framed;
    }

    /**
     * Decodes a value encoded by {@link #encode}.
     *
     * @throws CodecException if the bytes are not a valid frame, name a type that may not be decoded, or do
     *     not match that type
     */
    public Object decode(byte[] framed) {
        if (framed == null) {
            throw new CodecException("not a hydro bincode frame (missing or unknown version byte)");
        }
        return decode(framed, 0, framed.length);
    }

    /**
     * Decodes a value encoded by {@link #encode} that lies in {@code length} bytes of {@code buffer} from
     * {@code offset}: an element of a {@link TickFrame}, read in place instead of copied out first.
     *
     * @throws CodecException as {@link #decode(byte[])}
     * @throws IndexOutOfBoundsException if the range is not inside {@code buffer}
     */
    public Object decode(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length < 3 || buffer[offset] != FORMAT_VERSION) {
            throw new CodecException("not a hydro bincode frame (missing or unknown version byte)");
        }
        int nameLength = ((buffer[offset + 1] & 0xff) << 8) | (buffer[offset + 2] & 0xff);
        if (nameLength == 0 || nameLength > MAX_TYPE_NAME || 3 + nameLength > length) {
            throw new CodecException("corrupt bincode frame: type name length " + nameLength);
        }
        int headerLength = 3 + nameLength;
        Decoder decoder = lastDecoder;
        if (decoder == null || !decoder.matches(buffer, offset, headerLength)) {
            decoder = decoders.computeIfAbsent(new String(buffer, offset + 3, nameLength, StandardCharsets.UTF_8),
                    this::decoderFor);
            lastDecoder = decoder;
        }
        try {
            Object value = decoder.reader().readValue(buffer, offset + headerLength, length - headerLength);
            if (value == null) {
                throw new CodecException("bincode frame for " + decoder.type().getName() + " holds no value");
            }
            return value;
        } catch (JacksonException e) {
            throw new CodecException("cannot decode " + decoder.type().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private Encoder encoderFor(Class<?> type) {
        return new Encoder(headerFor(type), mapper.writerFor(type));
    }

    private Decoder decoderFor(String typeName) {
        Class<?> type = resolve(typeName);
        return new Decoder(header(typeName), type, mapper.readerFor(type));
    }

    private static byte[] headerFor(Class<?> type) {
        String why = rejection(type);
        if (why != null) {
            throw new IllegalArgumentException("cannot send " + type.getName() + " with sendBincode: " + why);
        }
        return header(type.getName());
    }

    /** The frame header: format version, a two-byte type-name length, the type name in UTF-8. */
    static byte[] header(String typeName) {
        byte[] name = typeName.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[3 + name.length];
        header[0] = FORMAT_VERSION;
        header[1] = (byte) (name.length >>> 8);
        header[2] = (byte) name.length;
        System.arraycopy(name, 0, header, 3, name.length);
        return header;
    }

    private static Class<?> resolve(String typeName) {
        Class<?> type;
        try {
            // initialize=false: a hostile name must not run any static initialiser
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            type = Class.forName(typeName, false, loader != null ? loader : BincodeCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CodecException("unknown type in bincode frame: " + typeName);
        }
        String why = rejection(type);
        if (why != null) {
            throw new CodecException("type " + typeName + " may not be decoded: " + why);
        }
        return type;
    }

    /** Why a type may not travel on an edge, or {@code null} if it may. */
    static String rejection(Class<?> type) {
        if (SCALARS.contains(type) || type.isEnum() || type.getName().startsWith("java.time.")) {
            return null;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (hasTypeVariable(component.getGenericType())) {
                    return "record component '" + component.getName() + "' has a type variable, so the receiver"
                            + " cannot know its type; declare a record with concrete component types";
                }
            }
            return null;
        }
        return "only strings, numbers, booleans, java.time values, enums and records can be sent;"
                + " wrap collections and other classes in a record";
    }

    private static boolean hasTypeVariable(Type type) {
        if (type instanceof TypeVariable<?>) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (hasTypeVariable(argument)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof GenericArrayType array) {
            return hasTypeVariable(array.getGenericComponentType());
        }
        if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                if (hasTypeVariable(bound)) {
                    return true;
                }
            }
        }
        return false;
    }
}
