package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.location.Process;
import dev.hydro.observe.TickListener;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.FlowListenerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Overload: the leader floods a deliberately slow worker (it burns {@value #WORK_NANOS} ns of CPU per record)
 * over a Kafka edge, far faster than the worker can process. The worker's input queue is bounded
 * ({@code hydro.tick.queue-capacity=100} jobs; the leader's tick frames carry at most that many each); when it is
 * full, the worker's edge consumer pauses its partition
 * and resumes it when there is room, so the backlog waits in Kafka (the edge's lag) rather than in memory.
 * Every record is still processed, exactly once, and the heap does not grow with the backlog.
 */
@EmbeddedKafka(partitions = 1)
class KafkaBackpressureTest {

    static final int RECORDS = 12_000;
    static final int PAD_BYTES = 256;
    static final long WORK_NANOS = 300_000;
    static final int QUEUE_CAPACITY = 100;

    /** The leader's tag. */
    interface Leader {
    }

    /** The slow worker's tag. */
    interface Worker {
    }

    /** A job with some weight: {@value #PAD_BYTES} bytes of padding, so buffering the backlog would show. */
    public record Job(long n, byte[] padding) {
    }

    /** How often the worker processed each job. */
    static final class Processed {
        final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
    }

    /** The largest input queue depth any worker tick reported. */
    static final class Depths {
        final AtomicInteger maxWorkerDepth = new AtomicInteger();
        final AtomicLong workerTicks = new AtomicLong();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class FloodApp {

        @Bean
        Processed processed() {
            return new Processed();
        }

        @Bean
        Depths depths() {
            return new Depths();
        }

        @Bean
        FlowListenerFactory depthRecorder(Depths depths) {
            return flowName -> new TickListener() {
                @Override
                public void tickFinished(TickReport report) {
                    if (report.instance().location().equals("worker")) {
                        depths.workerTicks.incrementAndGet();
                        depths.maxWorkerDepth.accumulateAndGet(report.queueDepth(), Math::max);
                    }
                }
            };
        }

        @Bean
        FlowDefinition flood(Processed processed) {
            List<Long> numbers = LongStream.rangeClosed(1, RECORDS).boxed().toList();
            return flow -> {
                Process<Leader> leader = flow.process(Leader.class);
                Process<Worker> worker = flow.process(Worker.class);
                leader.sourceIter(numbers)
                        .map(n -> new Job(n, padding(n)))
                        .sendBincode(worker)
                        .map(KafkaBackpressureTest::slowly)
                        .inspect(n -> {
                            processed.counts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                            processed.total.incrementAndGet();
                        });
            };
        }
    }

    static byte[] padding(long n) {
        byte[] padding = new byte[PAD_BYTES];
        Arrays.fill(padding, (byte) n);
        return padding;
    }

    /** The worker's per-record cost: a busy CPU wait, so the worker is slow whatever else happens. */
    static long slowly(Job job) {
        long until = System.nanoTime() + WORK_NANOS;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        return spins >= 0 ? job.n() : -1;
    }

    @Test
    void aFloodedWorkerPausesItsConsumerKeepsItsQueueBoundedAndProcessesEverything(EmbeddedKafkaBroker broker) {
        String brokers = broker.getBrokersAsString();
        String prefix = "b" + UUID.randomUUID().toString().substring(0, 8);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FloodApp.class)
                .web(WebApplicationType.NONE)
                .properties("spring.kafka.bootstrap-servers=" + brokers,
                        "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                        // keep the producer's own buffer small, so the heap check sees the consumer side
                        "spring.kafka.producer.buffer-memory=4194304",
                        "spring.kafka.producer.batch-size=65536",
                        "spring.kafka.consumer.max-poll-records=200",
                        "hydro.instance.all=true", "hydro.kafka.topic-prefix=" + prefix,
                        "hydro.tick.idle-wait=20ms",
                        "hydro.tick.queue-capacity=" + QUEUE_CAPACITY,
                        "hydro.tick.max-batch-size=50",
                        "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN",
                        "logging.level.state.change.logger=WARN")
                .run()) {
            long baseline = usedHeapAfterGc(memory);
            Processed processed = context.getBean(Processed.class);
            Depths depths = context.getBean(Depths.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            AtomicLong maxLag = new AtomicLong();
            AtomicLong maxHeap = new AtomicLong(baseline);
            AtomicInteger pausedSeen = new AtomicInteger();
            AtomicLong nextHeapSample = new AtomicLong();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Gauge lag = registry.find("hydro.edge.lag").tag("location", "worker").gauge();
                if (lag != null) {
                    maxLag.accumulateAndGet((long) lag.value(), Math::max);
                }
                Gauge paused = registry.find("hydro.edge.paused").tag("location", "worker").gauge();
                if (paused != null && paused.value() == 1.0) {
                    pausedSeen.incrementAndGet();
                }
                if (System.nanoTime() > nextHeapSample.get() && processed.total.get() < RECORDS * 3 / 4) {
                    nextHeapSample.set(System.nanoTime() + 2_000_000_000L); // a full GC now and then only
                    maxHeap.accumulateAndGet(usedHeapAfterGc(memory), Math::max);
                }
                return processed.total.get() >= RECORDS;
            });
            long heapGrowth = maxHeap.get() - baseline;
            Counter pauses = registry.get("hydro.edge.pauses").tag("location", "worker").counter();
            System.out.printf("backpressure: %d records in %d ms, worker ticks %d, max queue depth %d, max lag %d,"
                            + " pauses %.0f, paused seen in %d samples, heap growth %d KiB (payload %d KiB)%n",
                    RECORDS, (System.nanoTime() - started) / 1_000_000, depths.workerTicks.get(),
                    depths.maxWorkerDepth.get(), maxLag.get(), pauses.count(), pausedSeen.get(), heapGrowth / 1024,
                    (long) RECORDS * PAD_BYTES / 1024);

            // (1) every record processed exactly once (graceful run: no redelivery)
            assertThat(processed.counts).hasSize(RECORDS);
            assertThat(processed.counts.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
            assertThat(processed.total.get()).isEqualTo(RECORDS);

            // (2) the queue stayed within its capacity while the backlog waited in Kafka, and the consumer paused
            assertThat(depths.maxWorkerDepth.get()).isBetween(1, QUEUE_CAPACITY);
            assertThat(pauses.count()).as("the worker's edge consumer paused").isPositive();
            // the lag counts Kafka records: tick frames, each of at most QUEUE_CAPACITY jobs (the sender caps them
            // there), so more than 10 records waiting is more than 10 queues' worth of jobs left in Kafka
            assertThat(maxLag.get()).as("the backlog waited in the edge topic, in frames").isGreaterThan(10L);

            // (3) loose sanity check: the heap did not grow with the backlog
            assertThat(heapGrowth).as("heap growth during the flood").isLessThan(64L * 1024 * 1024);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    registry.get("hydro.edge.paused").tag("location", "worker").gauge().value()).isZero());
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
