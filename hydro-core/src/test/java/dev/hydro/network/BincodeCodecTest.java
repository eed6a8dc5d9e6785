package dev.hydro.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.testsupport.OutputCursor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The bincode frame codec: value types round-trip; anything else is refused, and bad frames never leak. */
class BincodeCodecTest {

    interface Leader {}

    interface Follower {}

    interface Worker {}

    enum Priority { LOW, HIGH }

    record Item(String sku, int quantity) {}

    record Order(long id, Priority priority, Instant placedAt, Item item, List<String> notes, BigDecimal total) {}

    /**
     * A record whose accessor disagrees with its constructor: {@code n()} reports 13 as -13, which the
     * canonical constructor rejects. The sender can encode it (encoding reads the accessor) but no receiver
     * can decode it, so it is a real malformed record travelling a real edge.
     */
    record Fragile(int n) {
        Fragile {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative, was " + n);
            }
        }

        @Override
        public int n() {
            return n == 13 ? -13 : n;
        }
    }

    /** Set by {@link Tripwire}'s static initialiser: proves whether decoding ran it. */
    static final AtomicBoolean TRIPWIRE_INITIALISED = new AtomicBoolean();

    /** A class that must never be initialised by decoding a frame that names it. */
    static final class Tripwire {
        static {
            TRIPWIRE_INITIALISED.set(true);
        }
    }

    private final BincodeCodec codec = BincodeCodec.shared();

    @Test
    void recordsRoundTripIncludingNestedRecordsEnumsInstantsAndLists() {
        Order order = new Order(42, Priority.HIGH, Instant.parse("2026-03-04T05:06:07.123456789Z"),
                new Item("tea", 3), List.of("gift", "fragile"), new BigDecimal("12.50"));

        assertThat(codec.decode(codec.encode(order))).isEqualTo(order);
    }

    @Test
    void scalarsEnumsAndJavaTimeValuesRoundTrip() {
        List<Object> values = List.of("text", "", 7, -7L, 2.5d, 1.5f, true, 'x', (short) 3, (byte) -1,
                new BigDecimal("3.14159"), Priority.LOW, Instant.EPOCH, Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMillis(1500), LocalDate.of(2026, 2, 28));
        for (Object value : values) {
            assertThat(codec.decode(codec.encode(value))).as("%s (%s)", value, value.getClass().getSimpleName())
                    .isEqualTo(value);
        }
    }

    @Test
    void byteArraysRoundTripAsBytes() {
        byte[] bytes = {0, 1, -1, 127, -128};
        assertThat((byte[]) codec.decode(codec.encode(bytes))).isEqualTo(bytes);
    }

    @Test
    void encodingRefusesNonValueTypesAndSaysWhatToChange() {
        assertThatThrownBy(() -> codec.encode(new ArrayList<>(List.of(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.ArrayList")
                .hasMessageContaining("wrap collections and other classes in a record");
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> codec.encode(new dev.hydro.stream.Pair<>("a", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type variable");
        assertThatThrownBy(() -> codec.encode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void decodingRandomBytesAlwaysThrowsCodecException() {
        Random random = new Random(20260101);
        for (int i = 0; i < 5_000; i++) {
            byte[] noise = new byte[random.nextInt(80)];
            random.nextBytes(noise);
            assertThatThrownBy(() -> codec.decode(noise)).as("random frame %s", Arrays.toString(noise))
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void decodingAValidHeaderFollowedByRandomBytesAlwaysThrowsCodecException() {
        byte[] header = Frames.header(Item.class.getName());
        assertThat(codec.encode(new Item("a", 1))).as("the test writes the codec's real header").startsWith(header);
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] body = new byte[random.nextInt(40)];
            random.nextBytes(body);
            byte[] frame = Frames.concat(header, body);
            assertThatThrownBy(() -> codec.decode(frame)).as("body %s", Arrays.toString(body))
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void decodingAnyTruncationOfAValidFrameThrowsCodecException() {
        List<Object> values = List.of(
                new Order(1, Priority.LOW, Instant.EPOCH, new Item("jam", 1), List.of("n"), BigDecimal.ONE),
                "hello world", 123_456_789L, Instant.parse("2026-01-01T00:00:00Z"));
        for (Object value : values) {
            byte[] frame = codec.encode(value);
            for (int length = 0; length < frame.length; length++) {
                byte[] truncated = Arrays.copyOf(frame, length);
                assertThatThrownBy(() -> codec.decode(truncated))
                        .as("%s cut to %d of %d bytes", value, truncated.length, frame.length)
                        .isInstanceOf(CodecException.class);
            }
        }
    }

    @Test
    void aValueInsideALargerBufferDecodesInPlace() {
        Order order = new Order(7, Priority.HIGH, Instant.EPOCH, new Item("pen", 2), List.of("a"), BigDecimal.ONE);
        byte[] frame = codec.encode(order);
        byte[] noise = new byte[13];
        new Random(5).nextBytes(noise);
        byte[] buffer = Frames.concat(Frames.concat(noise, frame), noise);

        assertThat(codec.decode(buffer, noise.length, frame.length)).isEqualTo(order);
        assertThatThrownBy(() -> codec.decode(buffer, buffer.length - 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void decodingInPlaceNeverReadsPastTheRangeEvenWhenTheMissingBytesFollowIt() {
        byte[] frame = codec.encode(new Order(3, Priority.LOW, Instant.EPOCH, new Item("ink", 9), List.of("x"),
                BigDecimal.TEN));
        for (int length = 0; length < frame.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> codec.decode(frame, 0, cut))
                    .as("the first %d of %d bytes, the rest right behind them", cut, frame.length)
                    .isInstanceOf(CodecException.class);
        }
    }

    @Test
    void decodingAFlippedBitEitherDecodesOrThrowsCodecExceptionButNothingElse() {
        byte[] frame = codec.encode(new Order(9, Priority.HIGH, Instant.EPOCH, new Item("x", 2), List.of(),
                BigDecimal.TEN));
        for (int i = 0; i < frame.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] mutated = frame.clone();
                mutated[i] ^= (byte) (1 << bit);
                try {
                    codec.decode(mutated);
                } catch (CodecException expected) {
                    // a corrupt frame is reported as such
                }
            }
        }
    }

    @Test
    void aFrameNamingProcessBuilderIsRejected() {
        byte[] frame = Frames.concat(Frames.header("java.lang.ProcessBuilder"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> codec.decode(frame))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.ProcessBuilder")
                .hasMessageContaining("may not be decoded");
    }

    @Test
    void aFrameNamingANonRecordClassIsRejectedWithoutInitialisingIt() throws ClassNotFoundException {
        String name = Tripwire.class.getName();
        byte[] frame = Frames.concat(Frames.header(name), new byte[] {0});

        assertThatThrownBy(() -> codec.decode(frame))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("may not be decoded");
        assertThat(TRIPWIRE_INITIALISED).as("the static initialiser must not have run").isFalse();

        Class.forName(name, true, getClass().getClassLoader());
        assertThat(TRIPWIRE_INITIALISED).as("the tripwire itself works").isTrue();
    }

    @Test
    void aFrameNamingAnUnknownClassOrAnOversizedNameIsRejected() {
        assertThatThrownBy(() -> codec.decode(Frames.concat(Frames.header("com.example.DoesNotExist"), new byte[] {0})))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("unknown type");

        byte[] oversized = {1, (byte) 0xFF, (byte) 0xFF, 'a'};
        assertThatThrownBy(() -> codec.decode(oversized))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("type name length");
        assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(CodecException.class);
    }

    /**
     * The simplest real path for a malformed record: a {@link Fragile} value that the sender encodes fine but
     * no receiver can construct. It travels the ordinary in-memory edge, so the receiving operator, the
     * listener callback and the tick loop are all the production ones; nothing is injected by hand.
     */
    @Test
    void aMalformedRecordIsReportedAsADeadLetterAndTheReceiverKeepsRunning() {
        FlowBuilder flow = new FlowBuilder("codec");
        Process<Leader> leader = flow.process(Leader.class);
        Process<Follower> follower = flow.process(Follower.class);
        leader.sourceStream("in", Fragile.class).sendBincode(follower).destSink("got");
        List<DeadLetter> deadLetters = new ArrayList<>();

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of(), recording(deadLetters))) {
            OutputCursor got = OutputCursor.of(deployment, "got");
            deployment.push(leader, "in", new Fragile(1));
            deployment.push(leader, "in", new Fragile(13));
            deployment.push(leader, "in", new Fragile(2));
            deployment.runUntilQuiescent();

            assertThat(got.next()).containsExactly(new Fragile(1), new Fragile(2));
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(letter.receiver()).isEqualTo(new InstanceId("follower", 0));
                assertThat(letter.edge()).isEqualTo("leader-to-follower");
                assertThat(letter.sender()).isZero();
                assertThat(letter.error()).isInstanceOf(CodecException.class).hasMessageContaining("must not be negative");
                assertThatThrownBy(() -> codec.decode(letter.payload())).isInstanceOf(CodecException.class);
            });

            deployment.push(leader, "in", new Fragile(3));
            deployment.runUntilQuiescent();
            assertThat(got.next()).as("the receiver is still running").containsExactly(new Fragile(3));
            assertThat(deadLetters).hasSize(1);
        }
    }

    @Test
    void aDeadLetterFromAClusterNamesTheSendingMember() {
        FlowBuilder flow = new FlowBuilder("codec");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        workers.tick().selfId().map(id -> new Fragile(id.raw() == 2 ? 13 : id.raw())).intoStream().allTicks()
                .sendBincode(leader)
                .values()
                .destSink("got");
        List<DeadLetter> deadLetters = new ArrayList<>();

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of(), recording(deadLetters))) {
            deployment.runUntilQuiescent();
            assertThat(deployment.output("got")).containsExactlyInAnyOrder(new Fragile(0), new Fragile(1));
            assertThat(deadLetters).extracting(DeadLetter::sender).containsExactly(2);
        }
    }

    /** One {@link TickListener#deadLetter} call. */
    record DeadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {}

    private static TickListener recording(List<DeadLetter> deadLetters) {
        return new TickListener() {
            @Override
            public void deadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {
                deadLetters.add(new DeadLetter(receiver, edge, sender, payload, error));
            }
        };
    }


}
