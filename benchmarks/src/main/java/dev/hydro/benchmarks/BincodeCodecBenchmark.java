package dev.hydro.benchmarks;

import dev.hydro.benchmarks.edge.EdgePayload;
import dev.hydro.benchmarks.edge.EdgeThroughputBenchmark;
import dev.hydro.network.BincodeCodec;
import dev.hydro.network.TickFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@code sendBincode} costs per record besides Kafka: encoding an {@link EdgePayload} frame of
 * {@code size} bytes at the sender and decoding it at the receiver, the CPU the edge benchmark's
 * {@code sendBincode} spends on top of {@code sendBytes}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar BincodeCodec -f 1 -wi 3 -w 1s -i 3 -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BincodeCodecBenchmark {

    /** The encoded frame size in bytes, as in the edge benchmark. */
    @Param({"100", "1024"})
    public int size;

    /** Values per tick frame in the frame benchmarks. */
    static final int FRAME_ELEMENTS = 100;

    private final BincodeCodec codec = BincodeCodec.shared();
    private String body;
    private byte[] frame;
    private byte[] tickFrame;
    private long id;

    /** Pads the body to the frame size and encodes one frame to decode. */
    @Setup
    public void setup() {
        body = EdgeThroughputBenchmark.bodyFor(size);
        frame = codec.encode(new EdgePayload(123_456, System.nanoTime(), body));
        TickFrame.Builder builder = new TickFrame.Builder();
        for (int i = 0; i < FRAME_ELEMENTS; i++) {
            builder.add(codec.encode(new EdgePayload(i, System.nanoTime(), body)));
        }
        tickFrame = builder.take();
    }

    /** One value to a frame, as the sending edge does per element. */
    @Benchmark
    public byte[] encode() {
        return codec.encode(new EdgePayload(id++, id, body));
    }

    /** One frame to a value, as the receiving edge does per record. */
    @Benchmark
    public Object decode() {
        return codec.decode(frame);
    }

    /**
     * A tick frame of {@value #FRAME_ELEMENTS} values unpacked the way the receiving edge did before it read
     * elements in place: every element copied out ({@code TickFrame.elements}), then decoded. Per value.
     */
    @Benchmark
    @OperationsPerInvocation(FRAME_ELEMENTS)
    public void decodeTickFrameCopying(Blackhole values) {
        for (byte[] element : TickFrame.elements(tickFrame)) {
            values.consume(codec.decode(element));
        }
    }

    /** The same tick frame as the receiving edge unpacks it now: each value decoded in place. Per value. */
    @Benchmark
    @OperationsPerInvocation(FRAME_ELEMENTS)
    public void decodeTickFrameInPlace(Blackhole values) {
        TickFrame.forEachSlice(tickFrame,
                (bytes, offset, length) -> values.consume(codec.decode(bytes, offset, length)));
    }
}
