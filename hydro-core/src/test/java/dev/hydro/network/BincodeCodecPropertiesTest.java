package dev.hydro.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Hostile bytes: whatever arrives on an edge, {@link BincodeCodec#decode} returns a value or throws
 * {@link CodecException}; no other exception escapes, no try takes more than {@value #TRY_TIMEOUT_MS} ms, and
 * decoding allocates at most a small multiple of its input, whatever lengths the input claims. Inputs are
 * random bytes, valid frames that were mutated (bit flips, truncations, splices, corrupted length fields)
 * and small frames claiming huge strings, binaries and numbers. Seeds are fixed, so every run tries the
 * same inputs.
 *
 * <p>Each property is a plain JUnit test that runs a fixed number of tries through {@link #forAll}: try
 * {@code i} of a property with seed {@code s} draws its input from {@code new Random(t)}, where {@code t} is
 * the {@code i}-th {@code nextLong()} of {@code new SplittableRandom(s)}. A failing try reports the property,
 * its seed, the try index and the input, and can be rerun alone with {@code -Dbincode.try=<index>}.
 */
class BincodeCodecPropertiesTest {

    static final long TRY_TIMEOUT_MS = 2_000;

    /** Set ({@code -Dbincode.try=17}) to run only that try of the selected properties. */
    static final String ONLY_TRY_PROPERTY = "bincode.try";

    /** One thread runs every decode, so a hang is reported as a timeout instead of stalling the build. */
    private static final ExecutorService DECODER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "hostile-decoder");
        thread.setDaemon(true);
        return thread;
    });

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    enum Level { LOW, MID, HIGH }

    record Inner(String name, int weight) {}

    record Sample(String text, long n, double ratio, List<String> tags, byte[] blob, BigDecimal amount,
            BigInteger big, Instant at, Level level, Inner inner, List<Inner> inners, Map<String, Long> counts) {}

    /** A record with an {@code Object} component: the receiver cannot know a concrete type for it. */
    record Holder(Object value) {}

    /** A record with an interface-typed component. */
    record Task(Runnable task) {}

    /** Set by {@link Tripwire}'s static initialiser: proves whether decoding ran it. */
    static final AtomicBoolean TRIPWIRE_INITIALISED = new AtomicBoolean();

    /** A class that a hostile frame names and that must never be initialised or instantiated. */
    static final class Tripwire {
        static {
            TRIPWIRE_INITIALISED.set(true);
        }
    }

    private final BincodeCodec codec = BincodeCodec.shared();

    /** The running test method's name, for failure messages. */
    private String property;

    @BeforeEach
    void rememberProperty(TestInfo info) {
        property = info.getTestMethod().orElseThrow().getName();
    }

    @AfterAll
    static void stopDecoder() {
        DECODER.shutdownNow();
    }

    // ---- inputs of the properties --------------------------------------------------------------------------

    /** A frame header followed by Smile's header and a body. */
    record HeaderAndBody(byte[] header, byte[] body) {}

    /** A valid sample and the seed of the mutation applied to its frame. */
    record Mutation(Sample sample, long seed) {}

    /** Two valid samples and the seed of how they are spliced. */
    record Splice(Sample a, Sample b, long seed) {}

    /** The seed, frame header and shape of a one MiB hostile input. */
    record Mebibyte(long seed, byte[] header, int shape) {}

    // ---- properties ---------------------------------------------------------------------------------------

    @Test
    void randomBytesDecodeOrThrowCodecException() {
        forAll(7301, 1000, r -> bytes(r, 512), this::decodeSafely);
    }

    @Test
    void randomBodiesAfterAValidHeaderDecodeOrThrowCodecException() {
        forAll(7302, 500, r -> new HeaderAndBody(header(r), bytes(r, 512)),
                in -> decodeSafely(Frames.concat(in.header(), Frames.concat(SMILE_HEADER, in.body()))));
    }

    @Test
    void validFramesRoundTrip() {
        forAll(7303, 300, BincodeCodecPropertiesTest::sample, sample -> {
            Object back = decodeSafely(codec.encode(sample));
            assertThat(back).isInstanceOf(Sample.class);
            Sample decoded = (Sample) back;
            assertThat(decoded.text()).isEqualTo(sample.text());
            assertThat(decoded.blob()).isEqualTo(sample.blob());
            assertThat(decoded.inners()).isEqualTo(sample.inners());
            assertThat(decoded.counts()).isEqualTo(sample.counts());
        });
    }

    @Test
    void bitFlippedFramesDecodeOrThrowCodecException() {
        forAll(7304, 1500, r -> new Mutation(sample(r), r.nextLong()), in -> {
            byte[] frame = codec.encode(in.sample());
            Random random = new Random(in.seed());
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(frame.length);
                frame[at] ^= (byte) (1 << random.nextInt(8));
            }
            decodeSafely(frame);
        });
    }

    @Test
    void overwrittenBytesDecodeOrThrowCodecException() {
        forAll(7305, 1000, r -> new Mutation(sample(r), r.nextLong()), in -> {
            byte[] frame = codec.encode(in.sample());
            Random random = new Random(in.seed());
            int writes = 1 + random.nextInt(4);
            for (int i = 0; i < writes; i++) {
                // favour the bytes Smile uses as tokens and length prefixes
                frame[random.nextInt(frame.length)] = (byte) (random.nextBoolean() ? random.nextInt(256)
                        : INTERESTING[random.nextInt(INTERESTING.length)]);
            }
            decodeSafely(frame);
        });
    }

    @Test
    void truncatedFramesDecodeOrThrowCodecException() {
        forAll(7306, 500, r -> new Mutation(sample(r), r.nextLong()), in -> {
            byte[] frame = codec.encode(in.sample());
            int keep = new Random(in.seed()).nextInt(frame.length);
            decodeSafely(Arrays.copyOf(frame, keep));
        });
    }

    @Test
    void splicedFramesDecodeOrThrowCodecException() {
        forAll(7307, 800, r -> new Splice(sample(r), sample(r), r.nextLong()), in -> {
            byte[] first = codec.encode(in.a());
            Random random = new Random(in.seed());
            byte[] second = random.nextBoolean() ? codec.encode(in.b()) : codec.encode(in.b().inner());
            int cut = random.nextInt(first.length + 1);
            int from = random.nextInt(second.length + 1);
            byte[] spliced = Frames.concat(Arrays.copyOf(first, cut), Arrays.copyOfRange(second, from, second.length));
            if (random.nextBoolean()) { // or insert random bytes in the middle of a frame
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                spliced = Frames.concat(Frames.concat(Arrays.copyOf(first, cut), noise),
                        Arrays.copyOfRange(first, cut, first.length));
            }
            decodeSafely(spliced);
        });
    }

    @Test
    void corruptedTypeNameLengthsDecodeOrThrowCodecException() {
        forAll(7308, 500, r -> new Mutation(sample(r), r.nextLong()), in -> {
            byte[] frame = codec.encode(in.sample());
            Random random = new Random(in.seed());
            int length = random.nextBoolean() ? random.nextInt(65536)
                    : ((frame[1] & 0xff) << 8 | frame[2] & 0xff) + random.nextInt(9) - 4;
            frame[1] = (byte) (length >>> 8);
            frame[2] = (byte) length;
            decodeSafely(frame);
        });
    }

    @Test
    void framesClaimingHugeLengthsAllocateLittle() {
        forAll(7309, 400, BincodeCodecPropertiesTest::hugeClaim, frame -> {
            long allocated = decodeMeasuringAllocation(frame);
            assertThat(allocated).as("bytes allocated decoding a %d-byte frame claiming a huge length",
                    frame.length).isLessThan(4L * 1024 * 1024);
        });
    }

    /**
     * One MiB inputs the parser has to walk through: plain random bytes, an unterminated long string, a huge
     * array of small ints or of nested empty arrays, an object with ever new keys, each behind a header that
     * names a record, {@code Object}-typed components included. Decoding may build objects in proportion to
     * the input (a list of ints costs a reference per byte) but not more than a fixed multiple of it. The
     * 15 tries cycle through the 5 shapes, 3 tries each.
     */
    @Test
    void decodingOneMebibyteOfHostileInputAllocatesAtMostAFixedMultipleOfIt() {
        forAll(7310, 15, (r, tryIndex) -> new Mebibyte(r.nextLong(), header(r), tryIndex % MEBIBYTE_SHAPES), in -> {
            Random random = new Random(in.seed());
            int shape = in.shape();
            int size = 1 << 20;
            byte[] body = new byte[size];
            switch (shape) {
                case 0 -> random.nextBytes(body);
                case 1 -> { // an unterminated long ASCII string
                    body[0] = (byte) 0xE0;
                    for (int i = 1; i < size; i++) {
                        body[i] = (byte) (0x20 + random.nextInt(0x5F));
                    }
                }
                case 2 -> { // {"value": [1, 2, 3, ...
                    byte[] start = {(byte) 0xFA, (byte) 0x84, 'v', 'a', 'l', 'u', 'e', (byte) 0xF8};
                    System.arraycopy(start, 0, body, 0, start.length);
                    for (int i = start.length; i < size; i++) {
                        body[i] = (byte) (0xC0 + random.nextInt(32));
                    }
                }
                case 3 -> { // {"value": [[], [], [], ...
                    byte[] start = {(byte) 0xFA, (byte) 0x84, 'v', 'a', 'l', 'u', 'e', (byte) 0xF8};
                    System.arraycopy(start, 0, body, 0, start.length);
                    for (int i = start.length; i + 1 < size; i += 2) {
                        body[i] = (byte) 0xF8;
                        body[i + 1] = (byte) 0xF9;
                    }
                }
                default -> { // {"k0": 0, "k1": 1, ... with ever new long keys
                    body[0] = (byte) 0xFA;
                    int i = 1;
                    for (int k = 0; i + 24 < size; k++) {
                        byte[] key = ("key-" + k + "-" + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
                        body[i++] = (byte) (0x80 + key.length - 1);
                        System.arraycopy(key, 0, body, i, key.length);
                        i += key.length;
                        body[i++] = (byte) 0xC0;
                    }
                }
            }
            byte[] input = shape == 0 && random.nextBoolean() ? body : Frames.concat(Frames.concat(in.header(), SMILE_HEADER), body);
            long allocated = decodeMeasuringAllocation(input);
            assertThat(allocated).as("bytes allocated decoding 1 MiB of hostile input, shape %d", shape)
                    .isLessThan(MAX_AMPLIFICATION * input.length);
        });
    }

    /**
     * How many bytes decoding may allocate per input byte: linear, not bounded by what a frame claims. The
     * worst shape is an {@code Object} component holding an array of empty arrays (about 50 bytes per input
     * byte, every empty array becoming an {@code ArrayList}); everything else stays under about 8.
     */
    static final long MAX_AMPLIFICATION = 64;

    /** The shapes of one MiB hostile input, see the switch above. */
    private static final int MEBIBYTE_SHAPES = 5;

    // ---- hostile type names and polymorphism ---------------------------------------------------------------

    @Test
    void framesNamingNonRecordAbstractOrInterfaceTypesAreRejected() {
        for (String name : List.of("java.util.HashMap", "java.lang.ProcessBuilder", "java.lang.Runnable",
                "java.util.AbstractMap", "java.lang.Number", "java.lang.Object", "java.io.File",
                "javax.script.ScriptEngineManager", Tripwire.class.getName(), "[Ljava.lang.Object;",
                "java.lang.Thread")) {
            byte[] frame = Frames.concat(Frames.header(name), SMILE.writeValueAsBytes(Map.of()));
            assertThatThrownBy(() -> codec.decode(frame)).as(name).isInstanceOf(CodecException.class)
                    .hasMessageContaining(name);
        }
        assertThat(TRIPWIRE_INITIALISED).as("naming a class never initialises it").isFalse();
    }

    @Test
    void anObjectComponentNeverBecomesAClassNamedByTheSender() {
        // the shapes Jackson's polymorphic typing would understand: as-property, wrapper array, wrapper object
        List<Object> hostile = List.of(
                Map.of("@class", Tripwire.class.getName()),
                Map.of("@type", "java.lang.ProcessBuilder", "command", List.of("sh")),
                List.of(Tripwire.class.getName(), Map.of()),
                List.of("java.lang.ProcessBuilder", List.of("sh", "-c", "exit")),
                Map.of(Tripwire.class.getName(), Map.of()));
        for (Object value : hostile) {
            byte[] frame = Frames.concat(Frames.header(Holder.class.getName()),
                    SMILE.writeValueAsBytes(Map.of("value", value)));
            Object decoded = decodeSafely(frame);
            assertThat(decoded).as("%s", value).isInstanceOf(Holder.class);
            assertPlainData(((Holder) decoded).value());
        }
        // what a sender puts in an Object component arrives as plain data, not as the sender's class
        Object sent = codec.decode(codec.encode(new Holder(new Inner("x", 1))));
        assertThat(((Holder) sent).value()).isInstanceOf(Map.class).isNotInstanceOf(Inner.class);
        assertThat(TRIPWIRE_INITIALISED).isFalse();
    }

    @Test
    void anInterfaceComponentCannotBeInstantiatedFromAFrame() {
        for (Object value : List.of(Map.of("@class", "java.lang.Thread"), List.of("java.lang.Thread", Map.of()),
                "java.lang.Thread", Map.of())) {
            byte[] frame = Frames.concat(Frames.header(Task.class.getName()), SMILE.writeValueAsBytes(Map.of("task", value)));
            assertThatThrownBy(() -> codec.decode(frame)).as("%s", value).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void noJavaNativeSerializationInMainSources() throws IOException {
        List<Path> roots = List.of(Path.of("src/main/java"), Path.of("../hydro-spring-autoconfigure/src/main/java"));
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path root : roots) {
            assertThat(root).as("source root (tests run from the module directory)").isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    scanned++;
                    String source = Files.readString(file);
                    for (String banned : List.of("ObjectInputStream", "ObjectOutputStream", "readObject(",
                            "enableDefaultTyping", "activateDefaultTyping", "DefaultTyping", "@JsonTypeInfo")) {
                        if (source.contains(banned)) {
                            offenders.add(file + ": " + banned);
                        }
                    }
                }
            }
        }
        assertThat(scanned).isGreaterThan(20);
        assertThat(offenders).as("Java native serialization or polymorphic typing in main code").isEmpty();
    }

    // ---- the try loop --------------------------------------------------------------------------------------

    /** Draws one input from a try's random generator; also told the try's index. */
    @FunctionalInterface
    interface Generator<T> {
        T next(Random random, int tryIndex);
    }

    private <T> void forAll(long seed, int tries, Function<Random, T> generator, Consumer<T> check) {
        forAll(seed, tries, (random, tryIndex) -> generator.apply(random), check);
    }

    /**
     * Runs {@code check} on {@code tries} inputs drawn from {@code generator}, try {@code i} with its own
     * {@code Random} seeded from {@code seed} and {@code i}. The first failing try fails the test with a
     * message naming the seed, the try index, the try's own seed and the input, and how to rerun just it.
     */
    private <T> void forAll(long seed, int tries, Generator<T> generator, Consumer<T> check) {
        String only = System.getProperty(ONLY_TRY_PROPERTY, "");
        int onlyTry = only.isBlank() ? -1 : Integer.parseInt(only.trim());
        SplittableRandom trySeeds = new SplittableRandom(seed);
        for (int tryIndex = 0; tryIndex < tries; tryIndex++) {
            long trySeed = trySeeds.nextLong();
            if (onlyTry >= 0 && tryIndex != onlyTry) {
                continue;
            }
            T input = generator.next(new Random(trySeed), tryIndex);
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(String.format(
                        "property %s failed on try %d of %d (seed %d, try seed %d)%n"
                                + "  input: %s%n"
                                + "  rerun only this try: mvn -B test -pl hydro-core"
                                + " -Dtest='BincodeCodecPropertiesTest#%s' -D%s=%d%n"
                                + "  cause: %s",
                        property, tryIndex, tries, seed, trySeed, describe(input), property, ONLY_TRY_PROPERTY,
                        tryIndex, e), e);
            }
        }
    }

    // ---- generators ----------------------------------------------------------------------------------------

    /** Smile's header, the first bytes of every body the codec writes. */
    private static final byte[] SMILE_HEADER = {':', ')', '\n', 0x01};
    private static final SmileMapper SMILE = SmileMapper.builder().build();
    private static final int[] INTERESTING = {0x00, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x28, 0x29, 0x2A,
            0x3F, 0x40, 0x7F, 0x80, 0xBF, 0xC0, 0xE0, 0xE4, 0xE8, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFF};
    private static final List<Class<?>> HEADER_TYPES = List.of(Sample.class, Inner.class, String.class,
            byte[].class, BigInteger.class, BigDecimal.class, Long.class, Instant.class, Level.class, Holder.class);
    private static final BigInteger BIG_BOUND = BigInteger.TEN.pow(30);
    private static final long AMOUNT_BOUND = 1_000_000_000_000_000L; // 1e12 at scale 3

    /** A size in [0, max], biased towards the edges: empty, tiny and the maximum turn up often. */
    private static int size(Random r, int max) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> max;
            case 2, 3 -> r.nextInt(Math.min(max, 8) + 1);
            default -> r.nextInt(max + 1);
        };
    }

    /** Up to {@code maxSize} bytes, uniformly random or drawn from edge values. */
    private static byte[] bytes(Random r, int maxSize) {
        byte[] bytes = new byte[size(r, maxSize)];
        if (r.nextInt(4) == 0) {
            byte[] edges = {0, 1, -1, Byte.MAX_VALUE, Byte.MIN_VALUE};
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = edges[r.nextInt(edges.length)];
            }
        } else {
            r.nextBytes(bytes);
        }
        return bytes;
    }

    /** A frame header naming one of the test's types. */
    private static byte[] header(Random r) {
        return Frames.header(HEADER_TYPES.get(r.nextInt(HEADER_TYPES.size())).getName());
    }

    /** Up to {@code maxLength} chars: ASCII, controls, other BMP chars and (whole) surrogate pairs. */
    private static String text(Random r, int maxLength) {
        int length = size(r, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = r.nextInt(20);
            if (kind < 10) {
                text.append((char) (0x20 + r.nextInt(0x5F)));
            } else if (kind < 12) {
                text.append((char) r.nextInt(0x20));
            } else if (kind < 15) {
                text.append((char) (0x80 + r.nextInt(0x780))); // two UTF-8 bytes
            } else if (kind < 18 || text.length() + 2 > length) {
                char c;
                do {
                    c = (char) (0x800 + r.nextInt(0x10000 - 0x800));
                } while (Character.isSurrogate(c));
                text.append(c);
            } else {
                text.appendCodePoint(0x10000 + r.nextInt(0x10FFFF - 0x10000 + 1));
            }
        }
        return text.toString();
    }

    private static String alpha(Random r, int maxLength) {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int length = size(r, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(letters.charAt(r.nextInt(letters.length())));
        }
        return text.toString();
    }

    private static long longs(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE}[r.nextInt(5)];
            case 1, 2 -> r.nextInt(2001) - 1000;
            default -> r.nextLong();
        };
    }

    private static int ints(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}[r.nextInt(5)];
            case 1, 2 -> r.nextInt(2001) - 1000;
            default -> r.nextInt();
        };
    }

    /** Finite doubles: edge values, two-decimal values and arbitrary bit patterns. */
    private static double doubles(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> new double[] {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE}[
                    r.nextInt(7)];
            case 1, 2, 3, 4 -> BigDecimal.valueOf(r.nextLong() / 1000, 2).doubleValue();
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
        };
    }

    /** In [-1e12, 1e12] with scale 3. */
    private static BigDecimal amount(Random r) {
        long unscaled = r.nextInt(10) == 0 ? new long[] {0, AMOUNT_BOUND, -AMOUNT_BOUND}[r.nextInt(3)]
                : r.nextLong(-AMOUNT_BOUND, AMOUNT_BOUND + 1);
        return BigDecimal.valueOf(unscaled, 3);
    }

    /** In [-1e30, 1e30]. */
    private static BigInteger big(Random r) {
        if (r.nextInt(10) == 0) {
            return List.of(BigInteger.ZERO, BIG_BOUND, BIG_BOUND.negate()).get(r.nextInt(3));
        }
        BigInteger magnitude = new BigInteger(1 + r.nextInt(100), r).mod(BIG_BOUND.add(BigInteger.ONE));
        return r.nextBoolean() ? magnitude : magnitude.negate();
    }

    private static Inner inner(Random r) {
        return new Inner(text(r, 40), ints(r));
    }

    private static Sample sample(Random r) {
        List<String> tags = new ArrayList<>();
        for (int i = size(r, 5); i > 0; i--) {
            tags.add(text(r, 40));
        }
        List<Inner> inners = new ArrayList<>();
        for (int i = size(r, 4); i > 0; i--) {
            inners.add(inner(r));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = size(r, 4); i > 0; i--) {
            counts.put(alpha(r, 8), longs(r));
        }
        return new Sample(text(r, 40), longs(r), doubles(r), tags, bytes(r, 64), amount(r), big(r),
                Instant.ofEpochSecond(r.nextLong(0, 4_000_000_001L)), Level.values()[r.nextInt(3)], inner(r),
                inners, counts);
    }

    /**
     * Small frames whose Smile body claims a huge length: 7-bit binary ({@code 0xE8}), big integer
     * ({@code 0x26}) and big decimal ({@code 0x2A}) values, as a top-level value or inside a record, followed by
     * only a few real bytes.
     */
    private static byte[] hugeClaim(Random r) {
        int length = r.nextBoolean() ? (int) r.nextLong(1 << 20, Integer.MAX_VALUE + 1L)
                : new int[] {Integer.MAX_VALUE, 1 << 30, 1 << 27, 100_000_000}[r.nextInt(4)];
        int tok = new int[] {0xE8, 0x26, 0x2A, 0xFD}[r.nextInt(4)];
        String type = List.of("[B", BigInteger.class.getName(), BigDecimal.class.getName(), String.class.getName(),
                Sample.class.getName()).get(r.nextInt(5));
        int extra = r.nextInt(65);
        byte[] smile = SMILE_HEADER.clone();
        if (tok == 0xFD) {
            smile[3] = 0x05; // the header flag that allows raw binary
        }
        List<Byte> body = new ArrayList<>();
        if (type.equals(Sample.class.getName())) {
            body.add((byte) 0xFA); // start object
            byte[] key = "blob".getBytes(StandardCharsets.UTF_8);
            body.add((byte) (0x80 + key.length - 1)); // short ASCII key
            for (byte k : key) {
                body.add(k);
            }
        }
        body.add((byte) tok);
        if (tok == 0x2A) {
            for (byte scale : vint(14)) { // a big decimal's scale (zigzag) comes before its length
                body.add(scale);
            }
        }
        for (byte v : vint(length)) {
            body.add(v);
        }
        for (int i = 0; i < extra; i++) {
            body.add((byte) (i * 31));
        }
        byte[] bytes = new byte[body.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = body.get(i);
        }
        return Frames.concat(Frames.header(type), Frames.concat(smile, bytes));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Decodes on the decoder thread within the time bound; only a value or a CodecException may come out. */
    private Object decodeSafely(byte[] frame) {
        return run(() -> decodeOrNull(frame));
    }

    /** Decodes like {@link #decodeSafely}, returning the bytes the decoding thread allocated. */
    private long decodeMeasuringAllocation(byte[] frame) {
        return run(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            decodeOrNull(frame);
            return THREADS.getCurrentThreadAllocatedBytes() - before;
        });
    }

    private Object decodeOrNull(byte[] frame) {
        try {
            Object value = codec.decode(frame);
            assertThat(value).isNotNull();
            return value;
        } catch (CodecException expected) {
            return null;
        }
    }

    private static <T> T run(java.util.concurrent.Callable<T> task) {
        Future<T> result = DECODER.submit(task);
        try {
            return result.get(TRY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail("decoding took longer than " + TRY_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            return fail("decoding threw something other than CodecException: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    private static void assertPlainData(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof byte[]) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            assertThat(map.getClass().getName()).startsWith("java.util.");
            map.values().forEach(BincodeCodecPropertiesTest::assertPlainData);
            return;
        }
        if (value instanceof List<?> list) {
            assertThat(list.getClass().getName()).startsWith("java.util.");
            list.forEach(BincodeCodecPropertiesTest::assertPlainData);
            return;
        }
        fail("an Object component decoded as " + value.getClass().getName());
    }

    /** A failing try's input, readable and complete: byte arrays in hex, strings escaped, records by field. */
    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "hex[" + bytes.length + "] " + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\'
                    ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            return out.append('"').toString();
        }
        if (value instanceof Record record) {
            StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                try {
                    out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                            .append(describe(components[i].getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out.append(']').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BincodeCodecPropertiesTest::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> describe(e.getKey()) + "=" + describe(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    /** Smile's unsigned variable-length int: 7 bits per byte, the last byte marked and carrying 6 bits. */
    private static byte[] vint(int value) {
        List<Byte> bytes = new ArrayList<>();
        bytes.add((byte) (0x80 | (value & 0x3F)));
        value >>>= 6;
        while (value != 0) {
            bytes.add(0, (byte) (value & 0x7F));
            value >>>= 7;
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }



    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assertThat(bean).as("HotSpot's com.sun.management.ThreadMXBean").isInstanceOf(
                com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
