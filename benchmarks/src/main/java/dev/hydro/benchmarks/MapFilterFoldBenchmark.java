package dev.hydro.benchmarks;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.Fold;
import dev.hydro.stream.LongFold;
import dev.hydro.stream.NonDet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost per element of a map-filter-fold chain ({@code x * 3}, keep the even results, sum them into a
 * long) run through one hydro tick, next to a hand-written loop, {@code java.util.stream} and Kafka Streams'
 * {@code TopologyTestDriver} over the same {@value #N} boxed integers. Scores are nanoseconds per element
 * ({@link OperationsPerInvocation}).
 *
 * <p>The chain is measured twice, each time written the way its API invites: boxed ({@code map} returns an
 * {@code Integer}, as {@code Stream.map} does in both hydro and {@code java.util.stream}) and primitive
 * ({@code mapToLong} first, then {@code long} lambdas: hydro's {@code LongStream}, and
 * {@code java.util.stream.LongStream}).
 *
 * <p>Each hydro flow is built and deployed once ({@link LocalDeployment#stepped}); every invocation pushes
 * the {@value #N} elements into its {@code sourceStream} input, runs one tick, and returns that tick's sum,
 * which a {@code forEach} sink hands out. So the hydro score includes the push path into the source queue,
 * which the others do not have: that is the cost of getting data into a tick loop.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar MapFilterFold -f 1 -wi 5 -w 2s -i 5 -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(MapFilterFoldBenchmark.N)
// The hydro path needs about 4 s of warmup on a 2-core machine before C2 settles; 3 x 1 s sometimes
// measures the tail of warmup (see README.md), so the default without flags is 5.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MapFilterFoldBenchmark {

    /** Elements per invocation. */
    public static final int N = 100_000;

    /** Tag type of the one process of the benchmark flow. */
    interface Summer {
    }

    private List<Integer> data;
    private LocalDeployment deployment;
    private Process<Summer> process;
    private LocalDeployment.Input input;
    private final TickResult tickResult = new TickResult();
    private LocalDeployment primitiveDeployment;
    private Process<Summer> primitiveProcess;
    private LocalDeployment.Input primitiveInput;
    private final TickResult primitiveResult = new TickResult();
    private TopologyTestDriver driver;
    private TestInputTopic<Integer, Integer> driverInput;
    private KeyValueStore<Integer, Long> driverStore;
    private List<KeyValue<Integer, Integer>> keyedData;
    private long driverTotal;

    /** Prepares {@value #N} elements and deploys the flow. */
    @Setup(Level.Trial)
    public void setup() {
        setup(N);
    }

    /**
     * Prepares {@code size} elements, deploys the flows and builds the Kafka Streams driver; the smoke test uses
     * a small size.
     */
    void setup(int size) {
        data = BenchmarkData.integers(size);

        FlowBuilder flow = new FlowBuilder("map-filter-fold");
        process = flow.process(Summer.class);
        process.sourceStream("in", Integer.class)
                .map(x -> x * 3)
                .filter(x -> x % 2 == 0)
                .batch(process.tick(), NonDet.because("one tick per invocation: a batch is what was pushed"))
                .fold(Fold.sumLong(x -> x))
                .intoStream()
                .allTicks()
                .forEach(tickResult.sink());
        deployment = LocalDeployment.stepped(flow.build());
        input = deployment.input(process, 0, "in");
        deployment.runTick(process); // the first tick: nothing pushed yet

        FlowBuilder primitiveFlow = new FlowBuilder("map-filter-fold-primitive");
        primitiveProcess = primitiveFlow.process(Summer.class);
        primitiveProcess.sourceStream("in", Integer.class)
                .mapToLong(x -> x * 3L)
                .filter(x -> x % 2 == 0)
                .batch(primitiveProcess.tick(), NonDet.because("one tick per invocation: a batch is what was pushed"))
                .fold(LongFold.sum())
                .intoStream()
                .allTicks()
                .forEach(primitiveResult.sink());
        primitiveDeployment = LocalDeployment.stepped(primitiveFlow.build());
        primitiveInput = primitiveDeployment.input(primitiveProcess, 0, "in");
        primitiveDeployment.runTick(primitiveProcess);

        StreamsBuilder topology = new StreamsBuilder();
        topology.stream("numbers", Consumed.with(Serdes.Integer(), Serdes.Integer()))
                .mapValues(x -> x * 3)
                .filter((key, x) -> x % 2 == 0)
                .groupByKey(Grouped.with(Serdes.Integer(), Serdes.Integer()))
                .aggregate(() -> 0L, (key, x, sum) -> sum + x,
                        Materialized.<Integer, Long>as(Stores.inMemoryKeyValueStore("sum"))
                                .withKeySerde(Serdes.Integer()).withValueSerde(Serdes.Long()));
        driver = new TopologyTestDriver(topology.build(), WordCountBenchmark.kafkaProperties("map-filter-fold"));
        driverInput = driver.createInputTopic("numbers", new IntegerSerializer(), new IntegerSerializer());
        driverStore = driver.getKeyValueStore("sum");
        keyedData = new ArrayList<>(data.size());
        for (Integer x : data) {
            keyedData.add(KeyValue.pair(0, x));
        }
    }

    /** Stops the deployments and closes the driver. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        if (primitiveDeployment != null) {
            primitiveDeployment.close();
        }
        if (driver != null) {
            driver.close();
        }
    }

    /** The baseline: a plain indexed loop over the list, unboxing each element once. */
    @Benchmark
    public long handWrittenLoop() {
        List<Integer> list = data;
        long sum = 0;
        for (int i = 0, n = list.size(); i < n; i++) {
            int x = list.get(i) * 3;
            if (x % 2 == 0) {
                sum += x;
            }
        }
        return sum;
    }

    /** The same chain with {@code java.util.stream}: sequential, boxed through map and filter like hydro. */
    @Benchmark
    public long javaUtilStream() {
        return data.stream()
                .map(x -> x * 3)
                .filter(x -> x % 2 == 0)
                .mapToLong(Integer::longValue)
                .sum();
    }

    /** The chain on {@code java.util.stream}'s primitive {@code LongStream}: unboxed once, at {@code mapToLong}. */
    @Benchmark
    public long javaUtilStreamPrimitive() {
        return data.stream()
                .mapToLong(x -> x * 3L)
                .filter(x -> x % 2 == 0)
                .sum();
    }

    /**
     * The hydro chain with batch ingestion, the way a batch-mode Kafka binding hands over each poll: the
     * invocation's elements are handed over to the input ({@code handOver}, which takes the immutable list
     * without copying it), then one tick runs the chain.
     */
    @Benchmark
    public long hydroTickLoop() {
        input.handOver(data);
        return tickResult.runOneTick(deployment, process);
    }

    /**
     * The hydro chain on its primitive {@code LongStream}: {@code mapToLong(x -> x * 3L)}, a {@code long}
     * filter and {@code LongFold.sum()}, so nothing is boxed after the input; batch ingestion as above.
     */
    @Benchmark
    public long hydroTickLoopPrimitive() {
        primitiveInput.handOver(data);
        return primitiveResult.runOneTick(primitiveDeployment, primitiveProcess);
    }

    /**
     * The primitive chain fed with {@code pushAll}, which copies the elements into the input first (so the
     * caller may reuse its collection): the price of that copy, next to {@link #hydroTickLoopPrimitive}.
     */
    @Benchmark
    public long hydroTickLoopPrimitivePushAll() {
        primitiveInput.pushAll(data);
        return primitiveResult.runOneTick(primitiveDeployment, primitiveProcess);
    }

    /**
     * Kafka Streams: {@code stream("numbers").mapValues(x -> x * 3).filter(even).groupByKey().aggregate(sum)}
     * into an in-memory store, every element piped with the same key (so no repartition) by
     * {@code pipeKeyValueList}; returns what this invocation added to the stored sum.
     */
    @Benchmark
    public long kafkaStreamsTopologyTestDriver() {
        driverInput.pipeKeyValueList(keyedData);
        long total = driverStore.get(0);
        long added = total - driverTotal;
        driverTotal = total;
        return added;
    }

    /** The same chain fed one element at a time through a resolved input handle. */
    @Benchmark
    public long hydroTickLoopPushPerElement() {
        List<Integer> list = data;
        for (int i = 0, n = list.size(); i < n; i++) {
            input.push(list.get(i));
        }
        return tickResult.runOneTick(deployment, process);
    }
}
