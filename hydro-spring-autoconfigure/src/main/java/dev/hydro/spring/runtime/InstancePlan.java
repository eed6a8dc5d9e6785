package dev.hydro.spring.runtime;

import dev.hydro.graph.ExternalPort;
import dev.hydro.location.Cluster;
import dev.hydro.location.Location;
import dev.hydro.spring.autoconfigure.HydroProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which location instances this application runs, and how big every cluster is, resolved from
 * {@code hydro.*} against the flows and validated. Every mistake is a {@link HydroConfigurationException}
 * naming the property.
 *
 * <pre>{@code
 * InstancePlan plan = InstancePlan.resolve(flows, properties);
 * plan.instances().forEach(i -> System.out.println(i.location().name() + "/" + i.member()));
 * }</pre>
 */
public final class InstancePlan {

    private static final int DEFAULT_MAX_BATCH = 10_000;
    private static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    private static final Duration DEFAULT_IDLE_WAIT = Duration.ofMillis(100);
    private static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    private final List<PlannedInstance> instances;
    private final Map<String, Integer> members;
    private final HydroProperties properties;

    private InstancePlan(List<PlannedInstance> instances, Map<String, Integer> members, HydroProperties properties) {
        this.instances = List.copyOf(instances);
        this.members = Map.copyOf(members);
        this.properties = properties;
        // Fail at start-up whatever the sources: a flow without queued sources never reads these settings.
        for (PlannedInstance instance : this.instances) {
            String location = instance.location().name();
            maxBatchSize(location);
            queueCapacity(location);
            idleWait(location);
        }
        commitInterval();
    }

    /**
     * One location instance to run.
     *
     * @param flow the flow
     * @param location the location
     * @param member the member id (0 for a process)
     */
    public record PlannedInstance(Flow flow, Location<?> location, int member) {
    }

    /** Resolves and validates the plan. */
    public static InstancePlan resolve(List<Flow> flows, HydroProperties properties) {
        Map<String, Integer> members = clusterSizes(flows, properties);
        HydroProperties.Instance instance = properties.getInstance();
        List<PlannedInstance> planned = new ArrayList<>();
        if (properties.getTransport() == HydroProperties.TransportKind.LOCAL && !instance.isAll()) {
            throw new HydroConfigurationException("hydro.transport",
                    "the local transport connects instances inside one JVM, but this application "
                            + (instance.getLocation() == null ? "does not run every location"
                                    : "runs only '" + instance.getLocation() + "'"),
                    "Set hydro.instance.all=true to run every location here, or use hydro.transport=kafka.");
        }
        if (instance.isAll()) {
            for (Flow flow : flows) {
                for (Location<?> location : flow.graph().locations()) {
                    for (int m = 0; m < members.get(location.name()); m++) {
                        planned.add(new PlannedInstance(flow, location, m));
                    }
                }
            }
            return new InstancePlan(planned, members, properties);
        }
        String name = instance.getLocation();
        if (name == null || name.isBlank()) {
            if (flows.isEmpty()) {
                return new InstancePlan(planned, members, properties);
            }
            throw new HydroConfigurationException("hydro.instance.location",
                    "this application does not say which location it runs; the flows define "
                            + locationNames(flows),
                    "Set hydro.instance.location (and hydro.instance.member-id for a cluster member),"
                            + " or hydro.instance.all=true to run every location in this JVM.");
        }
        int member = instance.getMemberId() == null ? 0 : instance.getMemberId();
        for (Flow flow : flows) {
            for (Location<?> location : flow.graph().locations()) {
                if (location.name().equals(name)) {
                    int size = members.get(name);
                    if (location.isCluster() && instance.getMemberId() == null) {
                        throw new HydroConfigurationException("hydro.instance.member-id",
                                "this instance runs " + location + " but does not say which of its " + size
                                        + " members it is",
                                "Set hydro.instance.member-id to a value from 0 to " + (size - 1)
                                        + " (for a StatefulSet, from the pod index: env HYDRO_INSTANCE_MEMBER_ID).");
                    }
                    if (member < 0 || member >= size) {
                        throw new HydroConfigurationException("hydro.instance.member-id",
                                "member id " + member + " is out of range for " + location + " with " + size
                                        + (size == 1 ? " member" : " members"),
                                location.isCluster()
                                        ? "Set hydro.instance.member-id to a value from 0 to " + (size - 1)
                                                + ", or raise hydro.clusters." + name + ".members."
                                        : "A process has the single member 0: remove hydro.instance.member-id.");
                    }
                    planned.add(new PlannedInstance(flow, location, member));
                }
            }
        }
        if (planned.isEmpty()) {
            throw new HydroConfigurationException("hydro.instance.location",
                    "no flow has a location named '" + name + "'; the flows define " + locationNames(flows),
                    "Set hydro.instance.location to one of " + locationNames(flows) + ".");
        }
        return new InstancePlan(planned, members, properties);
    }

    private static Map<String, Integer> clusterSizes(List<Flow> flows, HydroProperties properties) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        Set<String> clusterNames = new LinkedHashSet<>();
        for (Flow flow : flows) {
            for (Location<?> location : flow.graph().locations()) {
                if (location instanceof Cluster<?> cluster) {
                    clusterNames.add(cluster.name());
                    HydroProperties.ClusterSize configured = properties.getClusters().get(cluster.name());
                    int size = configured != null && configured.getMembers() != null ? configured.getMembers()
                            : cluster.defaultMembers();
                    if (size < 1) {
                        throw new HydroConfigurationException("hydro.clusters." + cluster.name() + ".members",
                                "cluster '" + cluster.name() + "' is configured with " + size + " members",
                                "Set hydro.clusters." + cluster.name() + ".members to 1 or more.");
                    }
                    sizes.put(cluster.name(), size);
                } else {
                    sizes.put(location.name(), 1);
                }
            }
        }
        for (String configured : properties.getClusters().keySet()) {
            if (!clusterNames.contains(configured)) {
                throw new HydroConfigurationException("hydro.clusters." + configured + ".members",
                        "no flow has a cluster named '" + configured + "'",
                        "Remove it, or use one of the cluster names " + clusterNames + ".");
            }
        }
        return sizes;
    }

    private static String locationNames(List<Flow> flows) {
        return flows.stream().flatMap(f -> f.graph().locations().stream()).map(Location::name).distinct()
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The instances to run, in flow, location and member order. */
    public List<PlannedInstance> instances() {
        return instances;
    }

    /** The instances of one flow. */
    public List<PlannedInstance> instancesOf(Flow flow) {
        return instances.stream().filter(i -> i.flow() == flow).toList();
    }

    /** The number of members of a location (1 for a process). */
    public int members(String location) {
        Integer size = members.get(location);
        if (size == null) {
            throw new IllegalArgumentException("unknown location " + location);
        }
        return size;
    }

    /** The external inputs read by the instances this application runs. */
    public List<ExternalPort> inputsRunHere() {
        List<ExternalPort> ports = new ArrayList<>();
        for (PlannedInstance instance : instances) {
            for (ExternalPort input : instance.flow().graph().inputs()) {
                if (input.location() == instance.location() && !ports.contains(input)) {
                    ports.add(input);
                }
            }
        }
        return ports;
    }

    /** Max batch size for a location. */
    public int maxBatchSize(String location) {
        return setting(location, HydroProperties.Tick::getMaxBatchSize, DEFAULT_MAX_BATCH, "max-batch-size");
    }

    /** Source queue capacity for a location. */
    public int queueCapacity(String location) {
        return setting(location, HydroProperties.Tick::getQueueCapacity, DEFAULT_QUEUE_CAPACITY, "queue-capacity");
    }

    /** Idle wait for a location. */
    public Duration idleWait(String location) {
        HydroProperties.Tick specific = properties.getLocations().get(location);
        boolean own = specific != null && specific.getIdleWait() != null;
        Duration value = own ? specific.getIdleWait()
                : properties.getTick().getIdleWait() != null ? properties.getTick().getIdleWait() : DEFAULT_IDLE_WAIT;
        if (value.isNegative() || value.isZero()) {
            String key = own ? "hydro.locations." + location + ".idle-wait" : "hydro.tick.idle-wait";
            throw new HydroConfigurationException(key, "idle wait must be positive, was " + value,
                    "Set " + key + " to a positive duration such as 100ms.");
        }
        return value;
    }

    /**
     * How long a unit of ticks (exactly-once: a transaction) may stay open across ticks
     * ({@code hydro.processing.commit-interval}); zero commits every tick.
     */
    public Duration commitInterval() {
        Duration value = properties.getProcessing().getCommitInterval();
        if (value == null) {
            return DEFAULT_COMMIT_INTERVAL;
        }
        if (value.isNegative()) {
            throw new HydroConfigurationException("hydro.processing.commit-interval",
                    "the commit interval must not be negative, was " + value,
                    "Set hydro.processing.commit-interval to a duration such as 100ms, or to 0 to commit every tick.");
        }
        return value;
    }

    private int setting(String location, java.util.function.Function<HydroProperties.Tick, Integer> getter,
            int fallback, String property) {
        HydroProperties.Tick specific = properties.getLocations().get(location);
        Integer value = specific != null && getter.apply(specific) != null ? getter.apply(specific)
                : getter.apply(properties.getTick());
        int resolved = value != null ? value : fallback;
        if (resolved < 1) {
            String key = specific != null && getter.apply(specific) != null
                    ? "hydro.locations." + location + "." + property : "hydro.tick." + property;
            throw new HydroConfigurationException(key, property + " must be at least 1, was " + resolved,
                    "Set " + key + " to a positive number.");
        }
        return resolved;
    }
}
