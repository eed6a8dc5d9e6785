package dev.hydro.spring.actuate;

import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records a flow's tick and edge reports as Micrometer meters, tagged {@code flow}, {@code location},
 * {@code member} (and {@code edge}): {@code hydro.tick.duration}, {@code hydro.ticks},
 * {@code hydro.tick.batch.size}, {@code hydro.input.queue.depth}, {@code hydro.edge.records},
 * {@code hydro.edge.bytes} (with {@code direction} sent/received) and {@code hydro.dead.letters}; for instances
 * whose ticks are durable (the Kafka transport), {@code hydro.commit.duration} and {@code hydro.commit.ticks} per
 * commit (exactly-once a Kafka transaction, at-least-once the wait for a unit's sends). Meters are created once
 * per instance and edge, then only updated on the tick-loop thread.
 *
 * <pre>{@code
 * TickListener listener = new MicrometerTickListener(registry, "word-count");
 * }</pre>
 */
public final class MicrometerTickListener implements TickListener {

    private final MeterRegistry registry;
    private final String flow;
    private final Map<InstanceId, InstanceMeters> instances = new ConcurrentHashMap<>();
    private final Map<String, EdgeMeters> edges = new ConcurrentHashMap<>();
    private final Map<InstanceId, CommitMeters> commits = new ConcurrentHashMap<>();

    public MicrometerTickListener(MeterRegistry registry, String flow) {
        this.registry = registry;
        this.flow = flow;
    }

    @Override
    public void tickFinished(TickReport report) {
        InstanceMeters meters = instances.computeIfAbsent(report.instance(), this::instanceMeters);
        meters.duration.record(report.durationNanos(), TimeUnit.NANOSECONDS);
        meters.ticks.increment();
        meters.batch.record(report.batchSize());
        meters.queueDepth.set(report.queueDepth());
    }

    @Override
    public void commitFinished(CommitReport report) {
        CommitMeters meters = commits.computeIfAbsent(report.instance(), this::commitMeters);
        meters.duration.record(report.durationNanos(), TimeUnit.NANOSECONDS);
        meters.ticks.record(report.ticks());
    }

    @Override
    public void edgeSent(InstanceId sender, String edge, long records, long bytes) {
        EdgeMeters meters = edges.computeIfAbsent(sender + "|" + edge + "|sent", k -> edgeMeters(sender, edge, "sent"));
        meters.records.increment(records);
        meters.bytes.increment(bytes);
    }

    @Override
    public void edgeReceived(InstanceId receiver, String edge, long records, long bytes) {
        EdgeMeters meters = edges.computeIfAbsent(receiver + "|" + edge + "|received",
                k -> edgeMeters(receiver, edge, "received"));
        meters.records.increment(records);
        meters.bytes.increment(bytes);
    }

    @Override
    public void deadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {
        Counter.builder("hydro.dead.letters").description("Records that could not be decoded and were set aside")
                .tags(tags(receiver).and("edge", edge)).register(registry).increment();
    }

    private Tags tags(InstanceId instance) {
        return Tags.of("flow", flow, "location", instance.location(), "member", String.valueOf(instance.member()));
    }

    private InstanceMeters instanceMeters(InstanceId instance) {
        Tags tags = tags(instance);
        AtomicInteger depth = new AtomicInteger();
        Gauge.builder("hydro.input.queue.depth", depth, AtomicInteger::get)
                .description("Elements waiting in source queues after the last tick").tags(tags).register(registry);
        return new InstanceMeters(
                Timer.builder("hydro.tick.duration").description("How long ticks take").tags(tags).register(registry),
                Counter.builder("hydro.ticks").description("Ticks run").tags(tags).register(registry),
                DistributionSummary.builder("hydro.tick.batch.size")
                        .description("Elements that entered from sources per tick").tags(tags).register(registry),
                depth);
    }

    private CommitMeters commitMeters(InstanceId instance) {
        Tags tags = tags(instance);
        return new CommitMeters(
                Timer.builder("hydro.commit.duration")
                        .description("How long committing a unit of ticks takes (exactly-once: a Kafka transaction)")
                        .tags(tags).register(registry),
                DistributionSummary.builder("hydro.commit.ticks").description("Ticks per commit").tags(tags)
                        .register(registry));
    }

    private EdgeMeters edgeMeters(InstanceId instance, String edge, String direction) {
        Tags tags = tags(instance).and("edge", edge).and("direction", direction);
        return new EdgeMeters(
                Counter.builder("hydro.edge.records").description("Records on a network edge").tags(tags)
                        .register(registry),
                Counter.builder("hydro.edge.bytes").baseUnit("bytes").description("Payload bytes on a network edge")
                        .tags(tags).register(registry));
    }

    private record InstanceMeters(Timer duration, Counter ticks, DistributionSummary batch, AtomicInteger queueDepth) {
    }

    private record EdgeMeters(Counter records, Counter bytes) {
    }

    private record CommitMeters(Timer duration, DistributionSummary ticks) {
    }
}
