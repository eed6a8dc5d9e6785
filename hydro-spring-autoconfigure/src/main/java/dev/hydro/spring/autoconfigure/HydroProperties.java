package dev.hydro.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Hydro starter ({@code hydro.*}): which location instance this application runs,
 * cluster sizes, tick settings and the transport between instances.
 *
 * <pre>{@code
 * hydro:
 *   instance:
 *     location: workers
 *     member-id: 2
 *   clusters:
 *     workers:
 *       members: 3
 * }</pre>
 */
@ConfigurationProperties("hydro")
public class HydroProperties {

    /** Which location instance(s) this application runs. */
    private final Instance instance = new Instance();

    /** Cluster sizes, by cluster name. */
    private final Map<String, ClusterSize> clusters = new LinkedHashMap<>();

    /** Default tick settings for every location. */
    private final Tick tick = new Tick();

    /** Tick settings of single locations, by location name; unset values fall back to hydro.tick.*. */
    private final Map<String, Tick> locations = new LinkedHashMap<>();

    /** How records travel between location instances. */
    private TransportKind transport = TransportKind.KAFKA;

    /** Kafka edge settings. */
    private final Kafka kafka = new Kafka();

    /** Delivery guarantee of the Kafka deployment. */
    private final Processing processing = new Processing();

    /** Whether the tick loops run. */
    private final Runtime runtime = new Runtime();

    /** Development conveniences. */
    private final Dev dev = new Dev();

    public Instance getInstance() {
        return instance;
    }

    public Map<String, ClusterSize> getClusters() {
        return clusters;
    }

    public Tick getTick() {
        return tick;
    }

    public Map<String, Tick> getLocations() {
        return locations;
    }

    public TransportKind getTransport() {
        return transport;
    }

    public void setTransport(TransportKind transport) {
        this.transport = transport;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public Runtime getRuntime() {
        return runtime;
    }

    public Processing getProcessing() {
        return processing;
    }

    public Dev getDev() {
        return dev;
    }

    /** Development conveniences, off by default. */
    public static class Dev {

        /** An in-process Kafka broker for development. */
        private final EmbeddedKafka embeddedKafka = new EmbeddedKafka();

        public EmbeddedKafka getEmbeddedKafka() {
            return embeddedKafka;
        }
    }

    /** An in-process single-node KRaft broker (needs spring-kafka-test on the classpath), like H2 for SQL. */
    public static class EmbeddedKafka {

        /** Start an in-process broker and point spring.kafka and the Kafka binder at it. */
        private boolean enabled;

        /** The broker's port on 127.0.0.1; 0 picks a free one. */
        private int port;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** Whether the application runs its location instances. */
    public static class Runtime {

        /** Whether to start the tick loops; off in flow tests that step the flows themselves. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The delivery guarantee of a Kafka deployment. */
    public static class Processing {

        /**
         * At-least-once (input acknowledged after the tick that consumed it; a crash may repeat a tick's effects)
         * or exactly-once (ticks commit as Kafka transactions with their consumed offsets, sends and state).
         */
        private Guarantee guarantee = Guarantee.AT_LEAST_ONCE;

        /**
         * How long a unit of ticks may stay open while the instance keeps having work: exactly-once one Kafka
         * transaction, at-least-once the ticks whose input is acknowledged after one wait for their sends and
         * changelog. It commits at the end of the first tick that ends this long after it began, or at once when
         * the instance runs out of work. 0 commits every tick.
         */
        private Duration commitInterval = Duration.ofMillis(100);

        public Guarantee getGuarantee() {
            return guarantee;
        }

        public void setGuarantee(Guarantee guarantee) {
            this.guarantee = guarantee;
        }

        public Duration getCommitInterval() {
            return commitInterval;
        }

        public void setCommitInterval(Duration commitInterval) {
            this.commitInterval = commitInterval;
        }
    }

    /** What a crash may do to a tick's effects. */
    public enum Guarantee {
        /** Nothing is lost; the effects of a tick that did not finish may happen twice. */
        AT_LEAST_ONCE,
        /**
         * Each tick's effects happen exactly once: Kafka transactions of one or more ticks (see commit-interval),
         * read-committed consumers.
         */
        EXACTLY_ONCE
    }

    /** The transport between location instances. */
    public enum TransportKind {
        /** Every network edge is a Kafka topic; instances may run in separate JVMs. */
        KAFKA,
        /** In-JVM queues; needs {@code hydro.instance.all=true}. */
        LOCAL
    }

    /** Which location instance(s) this application runs. */
    public static class Instance {

        /** The location this application runs (a process, or a cluster together with member-id). */
        private String location;

        /** This instance's member id in its cluster, 0..members-1; 0 for a process. */
        private Integer memberId;

        /** Run every location (every member of every cluster) in this JVM: the development mode. */
        private boolean all;

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public Integer getMemberId() {
            return memberId;
        }

        public void setMemberId(Integer memberId) {
            this.memberId = memberId;
        }

        public boolean isAll() {
            return all;
        }

        public void setAll(boolean all) {
            this.all = all;
        }
    }

    /** The size of one cluster. */
    public static class ClusterSize {

        /** How many members the cluster has; every instance of the deployment must agree. */
        private Integer members;

        public Integer getMembers() {
            return members;
        }

        public void setMembers(Integer members) {
            this.members = members;
        }
    }

    /** Tick-loop settings. */
    public static class Tick {

        /** The largest number of elements one source contributes to one tick. */
        private Integer maxBatchSize;

        /**
         * Capacity of each source queue, in elements (a received tick frame counts its elements); a full queue
         * pauses its source. A sender also puts at most this many elements in one tick frame.
         */
        private Integer queueCapacity;

        /** How long an idle tick loop sleeps before re-checking for work (it also wakes on arrivals). */
        private Duration idleWait;

        public Integer getMaxBatchSize() {
            return maxBatchSize;
        }

        public void setMaxBatchSize(Integer maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        public Integer getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(Integer queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Duration getIdleWait() {
            return idleWait;
        }

        public void setIdleWait(Duration idleWait) {
            this.idleWait = idleWait;
        }
    }

    /** Kafka edge settings; connection settings come from {@code spring.kafka.*}. */
    public static class Kafka {

        /** Prefix of every edge topic; topics are named '<prefix>.<flow>.<edge>'. */
        private String topicPrefix = "hydro";

        /** Replication factor of edge topics created at start-up. */
        private short replicationFactor = 1;

        /** Whether to create edge topics at start-up (with one partition per destination member). */
        private boolean createTopics = true;

        /** How long an edge consumer waits in one poll. */
        private Duration pollTimeout = Duration.ofMillis(100);

        /** Topic names of single edges, by edge name, instead of prefix.flow.edge. */
        private final Map<String, String> topics = new LinkedHashMap<>();

        /**
         * Whether state kept across ticks (running folds, top-level joins, tick cycles) is written to a compacted
         * changelog topic {@code <prefix>.<flow>.<location>.changelog} at the end of every tick and restored
         * before the first tick after a restart. Required by exactly-once.
         */
        private boolean changelog = true;

        public boolean isChangelog() {
            return changelog;
        }

        public void setChangelog(boolean changelog) {
            this.changelog = changelog;
        }

        public Map<String, String> getTopics() {
            return topics;
        }

        public String getTopicPrefix() {
            return topicPrefix;
        }

        public void setTopicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public boolean isCreateTopics() {
            return createTopics;
        }

        public void setCreateTopics(boolean createTopics) {
            this.createTopics = createTopics;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }
    }
}
