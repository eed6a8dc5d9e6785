package dev.hydro.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.graph.FlowGraph;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.network.InMemoryTransport;
import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import dev.hydro.state.StateEntry;
import dev.hydro.stream.Fold;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A durability's commit interval groups ticks into units: while the instance keeps having work a unit stays open
 * until a tick ends at least the interval after it began; an instance that runs out of work, or stops, commits
 * at once; a zero interval commits every tick; a failing tick aborts the whole unit. Each test drives a real
 * {@link LocationInstance} with a real {@link TickLoop} (batches of one element, so every queued element is a
 * tick of its own) and reads the order of events a recording durability saw.
 */
class CommitIntervalTest {

    interface Leader {}

    private static final Duration LONG = Duration.ofHours(1);
    private static final long POISON = -1;
    private static final long SLOW = -2;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<TickListener.CommitReport> commits = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowTickEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSlowTick = new CountDownLatch(1);
    private TickLoop loop;

    @AfterEach
    void stopTheLoop() {
        releaseSlowTick.countDown();
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void ticksShareOneUnitWhileWorkKeepsComingAndTheIntervalHasNotPassed() throws InterruptedException {
        OneProcess leader = new OneProcess(LONG);
        leader.pushAcknowledged(1, 2, 3, 4, 5);

        start(leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("commit"));

        assertThat(events).as("five busy ticks, one begin and one commit; acknowledgements right before it")
                .containsExactly("begin", "tick", "tick", "tick", "tick", "tick",
                        "ack 1", "ack 2", "ack 3", "ack 4", "ack 5", "commit");
        assertThat(commits).singleElement().satisfies(report -> assertThat(report.ticks()).isEqualTo(5));
    }

    @Test
    void aUnitCommitsAtTheEndOfTheFirstTickThatEndsAfterTheInterval() throws InterruptedException {
        Duration interval = Duration.ofMillis(500);
        OneProcess leader = new OneProcess(interval);
        leader.pushAcknowledged(1, 2);
        leader.push(SLOW); // its tick lasts until the interval has passed since the unit began
        leader.pushAcknowledged(4, 5);

        start(leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("commit"::equals).count() == 2);

        assertThat(events).containsExactly(
                "begin", "tick", "tick", "tick", "ack 1", "ack 2", "commit",
                "begin", "tick", "tick", "ack 4", "ack 5", "commit");
    }

    @Test
    void anInstanceThatRunsOutOfWorkCommitsAtOnce() throws InterruptedException {
        OneProcess leader = new OneProcess(LONG);

        start(leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("commit"));
        leader.pushAcknowledged(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("commit"::equals).count() == 2);

        assertThat(events).as("an hour-long interval, yet each idle instance committed right away")
                .containsExactly("begin", "tick", "commit", "begin", "tick", "ack 7", "commit");
        assertThat(leader.instance.hasUncommittedTicks()).isFalse();
    }

    @Test
    void stoppingTheLoopCommitsTheOpenUnit() throws Exception {
        OneProcess leader = new OneProcess(LONG);
        leader.push(SLOW); // blocks its tick until released, so the loop is stopped in the middle of it
        leader.pushAcknowledged(2);

        start(leader);
        assertThat(slowTickEntered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(loop::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> !loop.isRunning());
        releaseSlowTick.countDown();
        stopping.get(30, TimeUnit.SECONDS);

        assertThat(events).as("the running tick finished and was committed; the queued element was left")
                .containsExactly("begin", "tick", "commit");
        assertThat(leader.instance.hasUncommittedTicks()).isFalse();
        assertThat(loop.failure()).isNull();
    }

    @Test
    void aZeroIntervalCommitsEveryTick() throws InterruptedException {
        OneProcess leader = new OneProcess(Duration.ZERO);
        leader.pushAcknowledged(1, 2, 3);

        start(leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("commit"::equals).count() == 3);

        assertThat(events).containsExactly(
                "begin", "tick", "ack 1", "commit",
                "begin", "tick", "ack 2", "commit",
                "begin", "tick", "ack 3", "commit");
    }

    @Test
    void aFailingTickAbortsTheWholeOpenUnitOnceAndStopsTheLoop() throws InterruptedException {
        OneProcess leader = new OneProcess(LONG);
        leader.pushAcknowledged(1, 2);
        leader.push(POISON);
        leader.pushAcknowledged(4);

        start(leader);
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.failure() != null);
        loop.stop();

        assertThat(events).as("no acknowledgement and no commit for the ticks before the failing one either")
                .containsExactly("begin", "tick", "tick", "abort");
        assertThat(loop.failure()).hasMessageContaining("poison");
    }

    @Test
    void aSteppedDeploymentCommitsEveryTickUnlessTheDurabilityAsksForAnInterval() {
        FlowGraph graph = flow();
        Process<?> process = (Process<?>) graph.location("leader");
        try (LocalDeployment deployment = LocalDeployment.stepped(graph, Map.of(), new Recording(Duration.ZERO))) {
            deployment.push(process, "numbers", 1L);
            deployment.runTick(process);
            deployment.push(process, "numbers", 2L);
            deployment.runTick(process);
            assertThat(events).containsExactly("begin", "commit", "begin", "commit");
        }
        events.clear();
        try (LocalDeployment deployment = LocalDeployment.stepped(graph, Map.of(), new Recording(LONG))) {
            deployment.push(process, "numbers", 1L);
            deployment.runTick(process);
            deployment.push(process, "numbers", 2L);
            deployment.runTick(process);
            assertThat(events).as("two ticks, one open unit").containsExactly("begin");
            deployment.runUntilQuiescent();
            assertThat(events).as("quiescence commits, like a tick loop that runs out of work")
                    .containsExactly("begin", "commit");
        }
    }

    @Test
    void aUnitLogsTheStateItsTicksChangedOnceAtItsCommitWithTheLatestValues() {
        FlowBuilder flow = new FlowBuilder("state");
        Process<Leader> leader = flow.process(Leader.class);
        leader.sourceStream("words", String.class).intoKeyed(w -> w, w -> 1L).fold(Fold.count());
        Durability logging = new Durability() {
            @Override
            public boolean logsState() {
                return true;
            }

            @Override
            public Duration commitInterval() {
                return LONG;
            }

            @Override
            public void logState(InstanceId instance, List<StateEntry> changes) {
                events.add("log " + changes.stream()
                        .map(change -> change.decodedKey() + "=" + change.decodedValue()).sorted().toList());
            }

            @Override
            public void commitTick(InstanceId instance) {
                events.add("commit");
            }
        };
        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build(), Map.of(), logging)) {
            deployment.push(leader, "words", "a");
            deployment.runTick(leader);
            deployment.push(leader, "words", "a");
            deployment.push(leader, "words", "b");
            deployment.runTick(leader);
            deployment.push(leader, "words", "a");
            deployment.runTick(leader);
            assertThat(events).as("three ticks of one open unit log nothing yet").isEmpty();

            deployment.runUntilQuiescent();
            assertThat(events).as("one entry per changed key, its value as of the last tick")
                    .containsExactly("log [a=3, b=1]", "commit");
        }
    }

    private void start(OneProcess leader) {
        loop = new TickLoop(leader.instance, Duration.ofMillis(20), failure -> {
        });
        loop.start();
    }

    /** Numbers pass through a map that fails on {@link #POISON} and waits on {@link #SLOW}. */
    private FlowGraph flow() {
        FlowBuilder flow = new FlowBuilder("commits");
        Process<Leader> leader = flow.process(Leader.class);
        leader.sourceStream("numbers", Long.class)
                .map(this::process)
                .destSink("out");
        return flow.build();
    }

    private long process(long n) {
        if (n == POISON) {
            throw new IllegalStateException("poison: this tick fails");
        }
        if (n == SLOW) {
            slowTickEntered.countDown();
            try {
                releaseSlowTick.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return n;
    }

    /** Records what the instance asks of it, in order; the unit's begin time lets a tick outlast the interval. */
    private final class Recording implements Durability {
        private final Duration interval;

        Recording(Duration interval) {
            this.interval = interval;
        }

        @Override
        public Duration commitInterval() {
            return interval;
        }

        @Override
        public void beginTick(InstanceId instance) {
            events.add("begin");
            long began = System.nanoTime();
            if (!interval.isZero() && interval.compareTo(LONG) < 0) {
                // the slow tick of this unit lasts until the interval has passed since the unit began
                releaseAfter(began + interval.toNanos());
            }
        }

        @Override
        public void commitTick(InstanceId instance) {
            events.add("commit");
        }

        @Override
        public void abortTick(InstanceId instance, Throwable cause) {
            events.add("abort");
        }
    }

    private void releaseAfter(long deadlineNanos) {
        Thread releaser = new Thread(() -> {
            long remaining;
            while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
            }
            releaseSlowTick.countDown();
        }, "release-slow-tick");
        releaser.setDaemon(true);
        releaser.start();
    }

    /** One instance of the leader with its input queue, in an environment of batches of one element. */
    private final class OneProcess implements Environment {
        private final Durability durability;
        private final InMemoryTransport transport = new InMemoryTransport();
        private volatile SourceQueue numbers;
        final LocationInstance instance;

        OneProcess(Duration interval) {
            this.durability = new Recording(interval);
            FlowGraph graph = flow();
            this.instance = new LocationInstance(graph, graph.location("leader"), 0, this);
        }

        void push(long n) throws InterruptedException {
            numbers.put(n);
        }

        void pushAcknowledged(long... ns) throws InterruptedException {
            for (long n : ns) {
                numbers.putAcknowledged(n, () -> events.add("ack " + n));
            }
        }

        @Override
        public Durability durability() {
            return durability;
        }

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
                throw new UnsupportedOperationException("no timers in this flow");
            };
        }

        @Override
        public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
            numbers = queue;
        }

        @Override
        public Consumer<Object> output(InstanceId instance, String name) {
            return value -> {
            };
        }

        @Override
        public TickListener listener() {
            return new TickListener() {
                @Override
                public void tickFinished(TickReport report) {
                    events.add("tick");
                }

                @Override
                public void commitFinished(CommitReport report) {
                    commits.add(report);
                }
            };
        }

        @Override
        public int queueCapacity() {
            return 0;
        }

        @Override
        public int maxBatchSize() {
            return 1;
        }
    }
}
