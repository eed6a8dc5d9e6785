package dev.hydro.spring.test;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.graph.ExternalPort;
import dev.hydro.graph.FlowGraph;
import dev.hydro.location.Location;
import dev.hydro.network.NetworkEdge;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.spring.runtime.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.springframework.util.ClassUtils;

/**
 * One flow of the application on a stepped {@link LocalDeployment}, with the bookkeeping the driver needs:
 * records per edge, round-robin positions of pushes and read positions of outputs. Not thread-safe, like a
 * test method.
 */
final class SteppedFlow implements AutoCloseable {

    private final Flow flow;
    private final Map<String, Integer> sizes;
    private final TickListener applicationListener;
    private final Map<String, LongAdder> edgeRecords = new ConcurrentHashMap<>();
    private final Map<String, Integer> nextPushMember = new HashMap<>();
    private final Map<String, Integer> outputRead = new HashMap<>();
    private LocalDeployment deployment;

    SteppedFlow(Flow flow, Map<String, Integer> sizes, TickListener applicationListener) {
        this.flow = flow;
        this.sizes = Map.copyOf(sizes);
        this.applicationListener = applicationListener;
        this.deployment = deploy();
    }

    private LocalDeployment deploy() {
        Map<String, Integer> clusterSizes = new LinkedHashMap<>();
        for (Location<?> location : flow.graph().locations()) {
            if (location.isCluster()) {
                clusterSizes.put(location.name(), sizes.get(location.name()));
            }
        }
        return LocalDeployment.stepped(flow.graph(), clusterSizes, new CountingListener());
    }

    String name() {
        return flow.name();
    }

    String beanName() {
        return flow.beanName();
    }

    FlowGraph graph() {
        return flow.graph();
    }

    LocalDeployment deployment() {
        return deployment;
    }

    int members(String location) {
        return sizes.get(location);
    }

    boolean hasInput(String name) {
        return flow.graph().inputs().stream().anyMatch(p -> p.name().equals(name));
    }

    boolean hasOutput(String name) {
        return flow.graph().outputs().stream().anyMatch(p -> p.name().equals(name));
    }

    boolean hasLocation(String name) {
        return flow.graph().locations().stream().anyMatch(l -> l.name().equals(name));
    }

    boolean hasEdge(String name) {
        return flow.graph().edges().stream().anyMatch(e -> e.name().equals(name));
    }

    /** {@code lines (leader, String)} for every input. */
    List<String> describeInputs() {
        return flow.graph().inputs().stream()
                .map(p -> p.name() + " (at " + p.location().name() + ", " + p.type().getSimpleName() + ")")
                .distinct().toList();
    }

    List<String> outputNames() {
        return flow.graph().outputs().stream().map(ExternalPort::name).distinct().toList();
    }

    List<String> locationNames() {
        return flow.graph().locations().stream().map(Location::name).toList();
    }

    List<String> edgeNames() {
        return flow.graph().edges().stream().map(NetworkEdge::name).toList();
    }

    void push(String input, Object value) {
        List<InstanceId> readers = readers(input);
        int turn = nextPushMember.merge(input, 1, Integer::sum) - 1;
        InstanceId reader = readers.get(Math.floorMod(turn, readers.size()));
        deliver(input, reader, value);
    }

    void push(String input, int member, Object value) {
        List<Location<?>> locations = readingLocations(input);
        if (locations.size() > 1) {
            throw new IllegalArgumentException("input '" + input + "' is read at several locations "
                    + locations.stream().map(Location::name).toList()
                    + "; push(input, member, value) cannot tell which: use push(input, value) (round-robin over"
                    + " every reader) or deployment().push(location, member, input, value)");
        }
        Location<?> location = locations.get(0);
        requireMember(location, member);
        deliver(input, new InstanceId(location.name(), member), value);
    }

    private void deliver(String input, InstanceId reader, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot push null into input '" + input + "'");
        }
        ExternalPort port = flow.graph().inputs().stream()
                .filter(p -> p.name().equals(input) && p.location().name().equals(reader.location()))
                .findFirst().orElseThrow();
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(port.type());
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("input '" + input + "' at " + port.location().name() + " reads "
                    + port.type().getName() + " (sourceStream(\"" + input + "\", " + port.type().getSimpleName()
                    + ".class)), but the pushed value is a " + value.getClass().getName() + ": " + value);
        }
        deployment.push(port.location(), reader.member(), input, value);
    }

    /** Every instance reading {@code input}, in location and member order. */
    private List<InstanceId> readers(String input) {
        List<InstanceId> readers = new ArrayList<>();
        for (Location<?> location : readingLocations(input)) {
            for (int member = 0; member < members(location.name()); member++) {
                readers.add(new InstanceId(location.name(), member));
            }
        }
        return readers;
    }

    private List<Location<?>> readingLocations(String input) {
        List<Location<?>> locations = new ArrayList<>();
        for (ExternalPort port : flow.graph().inputs()) {
            if (port.name().equals(input) && !locations.contains(port.location())) {
                locations.add(port.location());
            }
        }
        return locations;
    }

    void runTick(String location) {
        Location<?> resolved = flow.graph().location(location);
        for (int member = 0; member < members(location); member++) {
            deployment.runTick(resolved, member);
        }
    }

    void runTick(String location, int member) {
        Location<?> resolved = flow.graph().location(location);
        requireMember(resolved, member);
        deployment.runTick(resolved, member);
    }

    private void requireMember(Location<?> location, int member) {
        int size = members(location.name());
        if (member < 0 || member >= size) {
            throw new IllegalArgumentException(location.isCluster()
                    ? "cluster '" + location.name() + "' has members 0.." + (size - 1) + ", not " + member
                            + " (set hydro.clusters." + location.name() + ".members for another size)"
                    : "'" + location.name() + "' is a process: its only member is 0, not " + member);
        }
    }

    int runUntilQuiescent() {
        return deployment.runUntilQuiescent();
    }

    boolean isQuiescent() {
        return deployment.isIdle();
    }

    void advanceTime(Duration duration) {
        deployment.advanceTime(duration);
    }

    List<Object> output(String name) {
        return deployment.output(name);
    }

    List<Object> newOutput(String name) {
        List<Object> all = deployment.output(name);
        int from = Math.min(outputRead.getOrDefault(name, 0), all.size());
        outputRead.put(name, all.size());
        return List.copyOf(all.subList(from, all.size()));
    }

    long edgeRecords(String edge) {
        LongAdder records = edgeRecords.get(edge);
        return records == null ? 0 : records.sum();
    }

    Map<String, Long> edgeRecords() {
        return edgeNames().stream().collect(Collectors.toMap(e -> e, this::edgeRecords, (a, b) -> a,
                LinkedHashMap::new));
    }

    void reset() {
        deployment.close();
        edgeRecords.clear();
        nextPushMember.clear();
        outputRead.clear();
        deployment = deploy();
    }

    @Override
    public void close() {
        deployment.close();
    }

    /** Counts records per edge, then hands every report on to the application's listeners (metrics). */
    private final class CountingListener implements TickListener {

        @Override
        public void tickFinished(TickReport report) {
            applicationListener.tickFinished(report);
        }

        @Override
        public void edgeSent(InstanceId sender, String edge, long records, long bytes) {
            edgeRecords.computeIfAbsent(edge, e -> new LongAdder()).add(records);
            applicationListener.edgeSent(sender, edge, records, bytes);
        }

        @Override
        public void edgeReceived(InstanceId receiver, String edge, long records, long bytes) {
            applicationListener.edgeReceived(receiver, edge, records, bytes);
        }

        @Override
        public void deadLetter(InstanceId receiver, String edge, int sender, byte[] payload, Exception error) {
            applicationListener.deadLetter(receiver, edge, sender, payload, error);
        }
    }
}
