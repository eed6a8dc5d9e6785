package dev.hydro.benchmarks;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.graph.FlowGraph;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.network.InMemoryTransport;
import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.Environment;
import dev.hydro.runtime.InstanceContext;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.LocationInstance;
import dev.hydro.runtime.Scheduler;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.OrderedStream;
import dev.hydro.stream.Unbounded;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
 * Splits {@link MapFilterFoldBenchmark#hydroTickLoop} into its parts, in ns/element on the same data, to
 * show where the time goes: the per-element input lookup in {@code LocalDeployment.push}, the
 * {@link SourceQueue} (a {@code LinkedBlockingQueue} in stepped mode), and the operator chain itself. It
 * also measures a bulk, array-backed queue, the engine change proposed in {@code README.md}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PushPath -f 1 -wi 5 -w 1s -i 5 -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(MapFilterFoldBenchmark.N)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PushPathBenchmark {

    /** Tag type of the one process of the benchmark flows. */
    interface Summer {
    }

    private static final NonDet ONE_TICK = NonDet.because("one tick per invocation: a batch is what was pushed");

    private List<Integer> data;
    private long tickSum;

    private LocalDeployment deployment;
    private Process<Summer> deployed;

    private LocationInstance direct;
    private SourceQueue directQueue;

    private FlowGraph iterGraph;
    private Process<Summer> iterProcess;

    private SourceQueue bareQueue;
    private String processName;
    private final List<Object> drained = new ArrayList<>();
    private final Map<String, SourceQueue> inputs = new ConcurrentHashMap<>();
    private final ArrayDeque<Object> deque = new ArrayDeque<>();
    private final ReentrantLock dequeLock = new ReentrantLock();

    /** Prepares the data, the flows and the queues. */
    @Setup(Level.Trial)
    public void setup() {
        setup(MapFilterFoldBenchmark.N);
    }

    /** Prepares {@code size} elements; the smoke test uses a small size. */
    void setup(int size) {
        data = BenchmarkData.integers(size);

        FlowBuilder viaPush = new FlowBuilder("push-path");
        deployed = viaPush.process(Summer.class);
        chain(deployed.sourceStream("in", Integer.class), deployed);
        deployment = LocalDeployment.stepped(viaPush.build());
        deployment.runTick(deployed);

        FlowBuilder viaQueue = new FlowBuilder("queue-path");
        Process<Summer> queued = viaQueue.process(Summer.class);
        chain(queued.sourceStream("in", Integer.class), queued);
        FlowGraph queueGraph = viaQueue.build();
        BareEnvironment environment = new BareEnvironment();
        direct = new LocationInstance(queueGraph, queueGraph.location(queued.name()), 0, environment);
        directQueue = environment.inputs.get("in");
        direct.runTick();

        FlowBuilder viaIter = new FlowBuilder("iter-path");
        iterProcess = viaIter.process(Summer.class);
        chain(iterProcess.sourceIter(data), iterProcess);
        iterGraph = viaIter.build();

        bareQueue = new SourceQueue(0, () -> {
        }, acknowledge -> {
        });
        processName = deployed.name();
        inputs.put(new InstanceId(processName, 0) + "#in", bareQueue);
    }

    private void chain(OrderedStream<Integer, Process<Summer>, Unbounded> source, Process<Summer> process) {
        source.map(x -> x * 3)
                .filter(x -> x % 2 == 0)
                .batch(process.tick(), ONE_TICK)
                .fold(Fold.sumLong(x -> x))
                .intoStream()
                .allTicks()
                .forEach(sum -> tickSum = sum);
    }

    /** Stops the deployment and the directly driven instance. */
    @TearDown(Level.Trial)
    public void tearDown() {
        deployment.close();
        direct.close();
    }

    /** The whole path, as in {@link MapFilterFoldBenchmark#hydroTickLoop}: {@code LocalDeployment.push}, one tick. */
    @Benchmark
    public long deploymentPushAndTick() {
        for (Integer x : data) {
            deployment.push(deployed, "in", x);
        }
        deployment.runTick(deployed);
        return tickSum;
    }

    /** The same flow with elements put straight into its {@link SourceQueue}: no input lookup per element. */
    @Benchmark
    public long sourceQueuePutAndTick() throws InterruptedException {
        for (Integer x : data) {
            directQueue.put(x);
        }
        direct.runTick();
        return tickSum;
    }

    /**
     * The operator chain alone: the same flow fed by {@code sourceIter} over the data, in a fresh instance of
     * a graph built once (compiling the instance's seven operators is noise next to 100,000 elements).
     */
    @Benchmark
    public long operatorChainOnly() {
        LocationInstance instance = new LocationInstance(iterGraph, iterProcess, 0, new BareEnvironment());
        instance.runTick();
        return tickSum;
    }

    /** The stepped-mode source queue alone: {@code put} every element, then drain them as a tick does. */
    @Benchmark
    public int sourceQueueOnly() throws InterruptedException {
        for (Integer x : data) {
            bareQueue.put(x);
        }
        drained.clear();
        return bareQueue.drainTo(drained, Integer.MAX_VALUE);
    }

    /** The lookup {@code LocalDeployment.push} does per element: builds the {@code "summer/0#in"} key, finds its queue. */
    @Benchmark
    public int inputLookupOnly() {
        int found = 0;
        for (int i = 0, n = data.size(); i < n; i++) {
            if (inputs.get(new InstanceId(processName, 0) + "#" + "in") != null) {
                found++;
            }
        }
        return found;
    }

    /**
     * The proposed queue: the whole batch added under one lock to an array-backed deque (no node per
     * element, one wakeup), then drained as a tick does.
     */
    @Benchmark
    public int bulkArrayQueueOnly() {
        dequeLock.lock();
        try {
            deque.addAll(data);
        } finally {
            dequeLock.unlock();
        }
        drained.clear();
        dequeLock.lock();
        try {
            Object element;
            while ((element = deque.poll()) != null) {
                drained.add(element);
            }
        } finally {
            dequeLock.unlock();
        }
        return drained.size();
    }

    /** The sum the last tick delivered (for the smoke test). */
    long lastTickSum() {
        return tickSum;
    }

    /**
     * Just enough of an {@link Environment} to drive one process instance by hand: unbounded queues, no
     * timers, no network, and the instance's named inputs kept so a benchmark can put into them directly.
     */
    static final class BareEnvironment implements Environment {
        final Map<String, SourceQueue> inputs = new ConcurrentHashMap<>();
        private final InMemoryTransport transport = new InMemoryTransport();

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public List<Integer> members(String location) {
            return List.of(0);
        }

        @Override
        public AutoCloseable watchMembers(String cluster, Consumer<InstanceContext.MembershipChange> listener) {
            listener.accept(new InstanceContext.MembershipChange(0, true));
            return () -> {
            };
        }

        @Override
        public Scheduler scheduler() {
            return (period, task) -> {
                throw new UnsupportedOperationException("no timers in a benchmark environment");
            };
        }

        @Override
        public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
            inputs.put(name, queue);
        }

        @Override
        public Consumer<Object> output(InstanceId instance, String name) {
            return value -> {
            };
        }

        @Override
        public TickListener listener() {
            return TickListener.NONE;
        }

        @Override
        public int queueCapacity() {
            return 0;
        }

        @Override
        public int maxBatchSize() {
            return Integer.MAX_VALUE;
        }
    }
}
