package dev.hydro.spring.kafka;

import dev.hydro.network.EdgeReceiver;
import dev.hydro.network.EdgeSender;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.Transport;
import dev.hydro.runtime.Durability;
import dev.hydro.runtime.InstanceId;
import dev.hydro.state.StateEntry;
import dev.hydro.spring.autoconfigure.HydroProperties;
import dev.hydro.spring.runtime.Flow;
import dev.hydro.spring.runtime.HydroConfigurationException;
import dev.hydro.spring.runtime.InstancePlan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a flow's network edges over Kafka. Every edge is one topic, {@code <prefix>.<flow>.<edge>}, with one
 * partition per member of the destination location; a record goes to the partition of its destination
 * member and is keyed by the sender's identity ({@code location/member}), so each instance reads exactly its
 * own partition (manual assignment, no rebalancing) and knows who sent each record.
 *
 * <p>At-least-once: a receiving instance commits an offset only after the tick that consumed the record has
 * finished and its own sends and changelog are on the broker; after a restart it resumes from there, so nothing
 * addressed to it is lost, and records of an uncommitted tick may be delivered again. Ticks commit in units, as
 * exactly-once ones do: while the instance keeps having work, for up to {@code hydro.processing.commit-interval};
 * a unit's commit waits for its sends once instead of every tick waiting for its own, and that wait and the
 * acknowledgements after it run on the instance's committer thread ({@link #commitUnit}).
 *
 * <p>State: with {@code hydro.kafka.changelog} (the default) every location instance writes the state its ticks
 * changed (each changed key once per unit, its latest value) to the compacted topic
 * {@code <prefix>.<flow>.<location>.changelog}, partition = member, before their input is acknowledged, and
 * reads it back before its first tick after a restart.
 *
 * <p>Exactly-once ({@code hydro.processing.guarantee=exactly-once}): every instance has its own transactional
 * producer ({@code transactional.id = <prefix>.<flow>.<location>.<member>}, which fences a previous incarnation)
 * and its ticks run in transactions holding their edge sends, dead letters, changelog entries, Kafka output
 * binding records and the offsets of everything they consumed; consumers read committed records only. A
 * transaction stays open across ticks while the instance keeps having work, for up to
 * {@code hydro.processing.commit-interval} ({@link #commitInterval()}), and is committed at once when the
 * instance runs out of work; the end of a tick does not wait for its sends, since the commit flushes them and
 * fails if any failed. The commit itself runs on the instance's committer thread while its next ticks run
 * ({@link TickTransaction}: group commit, units in order, timed by {@code hydro.commit.latency}). A tick
 * that fails aborts the open transaction, with all its ticks, and stops its instance: restart the application,
 * which restores the last committed tick.
 *
 * <p>Backpressure: when a receiving instance's bounded input queue is full, its consumer pauses the edge's
 * partition (gauge {@code hydro.edge.paused}, counter {@code hydro.edge.pauses}) and resumes it once the
 * queue has room again, so a slow instance leaves the backlog in Kafka ({@code hydro.edge.lag}) instead of
 * in memory.
 *
 * <pre>{@code
 * Transport transport = new KafkaEdgeTransport(flow, plan, producerProps, consumerProps, adminProps,
 *         properties.getKafka(), meterRegistry);
 * }</pre>
 */
public final class KafkaEdgeTransport implements Transport, Durability {

    private static final Logger log = LoggerFactory.getLogger(KafkaEdgeTransport.class);

    /** Suffix of the topic that keeps an edge's undecodable records. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Suffix of a location's changelog topic. */
    public static final String CHANGELOG_SUFFIX = ".changelog";

    private final Flow flow;
    private final InstancePlan plan;
    private final Map<String, Object> producerConfig;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> adminConfig;
    private final String prefix;
    private final Map<String, String> topicOverrides;
    private final short replicationFactor;
    private final boolean createTopics;
    private final Duration pollTimeout;
    private final MeterRegistry meters;
    private final boolean changelog;
    private final KafkaTickTransactions transactions;
    private final Map<InstanceId, TickTransaction> transactional = new ConcurrentHashMap<>();
    private final Map<InstanceId, BackgroundAcknowledgments> acknowledging = new ConcurrentHashMap<>();
    private final Map<InstanceId, EdgeConsumer> consumers = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final Callback recordSendFailure = (metadata, error) -> {
        if (error != null) {
            sendFailure.compareAndSet(null, error);
        }
    };
    private volatile KafkaProducer<byte[], byte[]> producer;

    public KafkaEdgeTransport(Flow flow, InstancePlan plan, Map<String, Object> producerConfig,
            Map<String, Object> consumerConfig, Map<String, Object> adminConfig, HydroProperties.Kafka settings,
            KafkaTickTransactions transactions, MeterRegistry meters) {
        this.flow = flow;
        this.plan = plan;
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (transactions.exactlyOnce()) {
            this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }
        this.transactions = transactions;
        this.changelog = settings.isChangelog();
        this.adminConfig = adminConfig;
        this.prefix = settings.getTopicPrefix();
        this.topicOverrides = Map.copyOf(settings.getTopics());
        this.replicationFactor = settings.getReplicationFactor();
        this.createTopics = settings.isCreateTopics();
        this.pollTimeout = settings.getPollTimeout();
        this.meters = meters;
        if (transactions.exactlyOnce()) {
            requireCommitsBeforeTransactionTimeout();
        }
    }

    /**
     * A busy instance keeps its transaction open for up to the commit interval; the broker aborts a transaction
     * older than the producer's {@code transaction.timeout.ms}, which would fence the instance instead.
     */
    private void requireCommitsBeforeTransactionTimeout() {
        Object configured = producerConfig.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        long timeoutMs = configured == null ? 60_000
                : configured instanceof Number n ? n.longValue() : Long.parseLong(configured.toString().trim());
        Duration interval = plan.commitInterval();
        if (interval.toMillis() >= timeoutMs) {
            throw new HydroConfigurationException("hydro.processing.commit-interval", "the commit interval "
                    + interval + " is not shorter than the producer's transaction.timeout.ms (" + timeoutMs
                    + " ms): the broker would abort the transaction of a busy instance before it commits",
                    "Lower hydro.processing.commit-interval (the default is 100ms), or raise"
                            + " spring.kafka.producer.properties[transaction.timeout.ms].");
        }
    }

    /** The topic of an edge. */
    public String topic(NetworkEdge edge) {
        String override = topicOverrides.get(edge.name());
        return override != null ? override : prefix + "." + flow.name() + "." + edge.name();
    }

    @Override
    public EdgeSender sender(NetworkEdge edge, InstanceId sender) {
        String topic = topic(edge);
        byte[] key = (sender.location() + "/" + sender.member()).getBytes(StandardCharsets.UTF_8);
        return new EdgeSender() {
            @Override
            public void send(int destinationMember, byte[] payload) {
                KafkaEdgeTransport.this.send(sender, new ProducerRecord<>(topic, destinationMember, key, payload));
            }

            @Override
            public void flush() {
                // the unit's commit waits for the sends (commitUnit at-least-once, the transaction exactly-once)
                Exception failure = sendFailure.getAndSet(null);
                if (failure != null) {
                    throw new IllegalStateException("sending on edge '" + edge.name() + "' (topic " + topic
                            + ") failed", failure);
                }
            }
        };
    }

    @Override
    public void receiver(NetworkEdge edge, InstanceId receiverInstance, EdgeReceiver receiver) {
        consumers.computeIfAbsent(receiverInstance, EdgeConsumer::new)
                .add(new TopicPartition(topic(edge), receiverInstance.member()), edge, receiver);
    }

    @Override
    public void start() {
        if (createTopics) {
            createTopics();
        }
        consumers.values().forEach(EdgeConsumer::start);
    }

    /**
     * Produces an undecodable record to {@code <edge topic>.dlt}, unchanged, with headers naming the error, the
     * edge, the sender and the receiver.
     */
    @Override
    public void deadLetter(NetworkEdge edge, InstanceId receiverInstance, int senderMember, byte[] payload,
            Exception error) {
        String sender = edge.from() + "/" + senderMember;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic(edge) + DEAD_LETTER_SUFFIX, null,
                sender.getBytes(StandardCharsets.UTF_8), payload);
        record.headers()
                .add("hydro.error", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8))
                .add("hydro.error.class", error.getClass().getName().getBytes(StandardCharsets.UTF_8))
                .add("hydro.edge", edge.name().getBytes(StandardCharsets.UTF_8))
                .add("hydro.sender", sender.getBytes(StandardCharsets.UTF_8))
                .add("hydro.receiver", receiverInstance.toString().getBytes(StandardCharsets.UTF_8));
        log.warn("Undecodable record on edge {} from {} at {} sent to {}{}: {}", edge.name(), sender, receiverInstance,
                topic(edge), DEAD_LETTER_SUFFIX, error.getMessage());
        Callback callback = (metadata, failure) -> {
            if (failure != null) {
                log.error("Could not write a dead letter of edge {}", edge.name(), failure);
            }
        };
        if (exactlyOnce()) {
            tickTransaction(receiverInstance).send(record, callback);
        } else {
            sharedProducer().send(record, callback);
        }
    }

    @Override
    public boolean exactlyOnce() {
        return transactions.exactlyOnce();
    }

    /** The changelog topic of a location. */
    public String changelogTopic(String location) {
        return prefix + "." + flow.name() + "." + location + CHANGELOG_SUFFIX;
    }

    @Override
    public boolean logsState() {
        return changelog;
    }

    /** Reads the instance's changelog partition from the beginning up to its (committed) end. */
    @Override
    public void restore(InstanceId instance, Consumer<StateEntry> entries) {
        if (exactlyOnce()) {
            tickTransaction(instance); // fences the previous incarnation and ends its open transaction first
        }
        TopicPartition partition = new TopicPartition(changelogTopic(instance.location()), instance.member());
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "-" + flow.name() + "-" + instance.location() + "-"
                + instance.member() + "-restore");
        long restored = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config)) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            while (reader.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(pollTimeout)) {
                    entries.accept(new StateEntry(record.key(), record.value()));
                    restored++;
                }
            }
        }
        if (restored > 0) {
            log.info("Restored {} changelog entries of {} from {} in {} ms", restored, instance, partition,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Exactly-once: how long a transaction may stay open across ticks while the instance keeps having work
     * ({@code hydro.processing.commit-interval}). At-least-once every tick logs its state and acknowledges its
     * input by itself: zero.
     */
    @Override
    public Duration commitInterval() {
        return plan.commitInterval();
    }

    /** Sends the unit's state changes; the unit's commit waits for them. */
    @Override
    public void logState(InstanceId instance, List<StateEntry> changes) {
        String topic = changelogTopic(instance.location());
        for (StateEntry change : changes) {
            send(instance, new ProducerRecord<>(topic, instance.member(), change.key(), change.value()));
        }
    }

    /**
     * Sends a record of an instance's tick: exactly-once in the instance's transaction (see
     * {@link TickTransaction}), at-least-once with the shared producer. A failed send fails the unit's commit.
     */
    private void send(InstanceId instance, ProducerRecord<byte[], byte[]> record) {
        if (exactlyOnce()) {
            tickTransaction(instance).send(record, recordSendFailure);
        } else {
            sharedProducer().send(record, recordSendFailure);
        }
    }

    /**
     * Ends a unit on the instance's committer thread while the instance goes on: at-least-once the thread waits
     * until the unit's edge sends and changelog are on the broker, then acknowledges its input
     * ({@link BackgroundAcknowledgments}); exactly-once the acknowledgements record the consumed offsets, and the
     * unit's transaction (its sends, state and those offsets) goes to the committer thread while the next unit's
     * ticks run ({@link TickTransaction}). Fails if an earlier unit's commit failed.
     */
    @Override
    public void commitUnit(InstanceId instance, List<Runnable> acknowledgements) {
        if (exactlyOnce()) {
            acknowledgements.forEach(Runnable::run);
            tickTransaction(instance).commit(transactions.drainConsumed(instance));
            throwIfSendFailed("committing the ticks of " + instance);
        } else {
            backgroundAcknowledgments(instance).commit(acknowledgements);
        }
    }

    @Override
    public void abortTick(InstanceId instance, Throwable cause) {
        if (!exactlyOnce()) {
            return;
        }
        transactions.drainConsumed(instance);
        TickTransaction transaction = transactional.remove(instance);
        transactions.unregister(instance);
        if (transaction != null) {
            try {
                transaction.abort();
            } catch (RuntimeException e) {
                log.warn("Could not abort the transaction of {}: {}", instance, e.toString());
            }
        }
        log.error("Aborted the transaction of {}; nothing of its ticks is visible. The instance stops; restart the"
                + " application to resume from its last committed tick", instance, cause);
    }

    private void throwIfSendFailed(String what) {
        Exception failure = sendFailure.getAndSet(null);
        if (failure != null) {
            throw new IllegalStateException(what + " failed", failure);
        }
    }

    @Override
    public String failure() {
        for (EdgeConsumer consumer : consumers.values()) {
            if (consumer.failure != null) {
                return "the edge consumer of " + consumer.instance + " stopped: " + consumer.failure;
            }
        }
        for (Map.Entry<InstanceId, TickTransaction> entry : transactional.entrySet()) {
            String failed = entry.getValue().failure();
            if (failed != null) {
                return "the transaction of " + entry.getKey() + " failed to commit: " + failed;
            }
        }
        for (Map.Entry<InstanceId, BackgroundAcknowledgments> entry : acknowledging.entrySet()) {
            String failed = entry.getValue().failure();
            if (failed != null) {
                return "the sends of " + entry.getKey() + " failed before their input was acknowledged: " + failed;
            }
        }
        Exception sending = sendFailure.get();
        return sending == null ? null : "sending failed: " + sending;
    }

    @Override
    public void close() {
        // acknowledgements still on their way must reach the consumers before these commit and close
        acknowledging.values().forEach(BackgroundAcknowledgments::close);
        acknowledging.clear();
        consumers.values().forEach(EdgeConsumer::stop);
        consumers.clear();
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(10));
        }
        transactional.forEach((instance, transaction) -> {
            transactions.unregister(instance);
            transaction.close();
        });
        transactional.clear();
    }

    /**
     * Exactly-once: the instance's transactions, over its own transactional producer, initialised (and the
     * previous incarnation fenced) on first use.
     */
    private TickTransaction tickTransaction(InstanceId instance) {
        return transactional.computeIfAbsent(instance, i -> {
            Map<String, Object> config = new HashMap<>(producerConfig);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "." + flow.name() + "." + i.location() + "."
                    + i.member());
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            KafkaProducer<byte[], byte[]> txProducer = new KafkaProducer<>(config);
            txProducer.initTransactions();
            TickTransaction transaction = new TickTransaction(i, txProducer, commitLatency(i));
            transactions.register(i, transaction);
            return transaction;
        });
    }

    /** At-least-once: the committer thread that acknowledges an instance's input once its sends are durable. */
    private BackgroundAcknowledgments backgroundAcknowledgments(InstanceId instance) {
        return acknowledging.computeIfAbsent(instance, i -> new BackgroundAcknowledgments(i, () -> {
            sharedProducer().flush();
            throwIfSendFailed("sending the ticks of " + i);
        }, commitLatency(i)));
    }

    /** Records {@code hydro.commit.latency} of an instance, if there is a meter registry. */
    private LongConsumer commitLatency(InstanceId instance) {
        if (meters == null) {
            return nanos -> { };
        }
        Timer timer = Timer.builder("hydro.commit.latency")
                .description("From the end of a unit of ticks until it is durable on the committer thread:"
                        + " exactly-once its transaction committed, at-least-once its sends on the broker and its"
                        + " input acknowledged; the instance's next ticks run meanwhile")
                .tags("flow", flow.name(), "location", instance.location(), "member",
                        String.valueOf(instance.member()))
                .register(meters);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private KafkaProducer<byte[], byte[]> sharedProducer() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerConfig);
                }
                p = producer;
            }
        }
        return p;
    }

    private void createTopics() {
        List<NewTopic> wanted = new ArrayList<>();
        for (NetworkEdge edge : flow.graph().edges()) {
            wanted.add(new NewTopic(topic(edge), plan.members(edge.to()), replicationFactor));
            wanted.add(new NewTopic(topic(edge) + DEAD_LETTER_SUFFIX, 1, replicationFactor));
        }
        if (changelog) {
            for (var location : flow.graph().locations()) {
                wanted.add(new NewTopic(changelogTopic(location.name()), plan.members(location.name()),
                        replicationFactor).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, TopicDescription> described = describe(admin, wanted.stream().map(NewTopic::name).toList());
            for (NewTopic topic : wanted) {
                int existing = described.get(topic.name()).partitions().size();
                if (existing < topic.numPartitions()) {
                    log.info("Growing edge topic {} from {} to {} partitions", topic.name(), existing,
                            topic.numPartitions());
                    admin.createPartitions(Map.of(topic.name(), NewPartitions.increaseTo(topic.numPartitions())))
                            .all().get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating edge topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the edge topics of flow '" + flow.name() + "'",
                    e.getCause());
        }
    }

    /** Describes topics, waiting briefly for topics another instance just created to become visible. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100); // metadata of a just-created topic propagates asynchronously
            }
        }
    }

    /**
     * The consumer of one receiving instance: its own thread, its own partitions, commits after ticks.
     *
     * <p>Backpressure: a polled record is handed to its edge's receiver only while the receiver's bounded queue
     * has room ({@link EdgeReceiver#remainingCapacity()}); what does not fit waits in a small per-partition
     * buffer (at most one poll, so at most {@code max.poll.records}) and its partition is paused. While
     * paused, the thread keeps polling (briefly), committing and updating the lag, and resumes the partition
     * once its buffer has been delivered and its queue has room for a good part of a poll again. The records
     * a slow instance has not taken yet therefore stay in Kafka, not in memory, and the thread never blocks
     * on a full queue (except for receivers that cannot tell their room, which keep the old blocking
     * hand-over).
     */
    private final class EdgeConsumer implements Runnable {
        private static final Duration PAUSED_POLL = Duration.ofMillis(10);

        private final InstanceId instance;
        private final String group;
        private final Map<TopicPartition, Receiving> partitions = new HashMap<>();
        private final Map<TopicPartition, Long> toCommit = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
        private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> undelivered = new HashMap<>();
        private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
        private final Map<TopicPartition, Integer> resumeAt = new HashMap<>();
        /** The room in each partition's receiving queue while it is empty: its capacity, in elements. */
        private final Map<TopicPartition, Integer> capacity = new HashMap<>();
        private final Map<TopicPartition, Counter> pauses = new HashMap<>();
        private volatile boolean running;
        private volatile RuntimeException failure;
        private volatile KafkaConsumer<byte[], byte[]> consumer;
        private Thread thread;

        EdgeConsumer(InstanceId instance) {
            this.instance = instance;
            this.group = prefix + "." + flow.name() + "." + instance.location();
        }

        synchronized void add(TopicPartition partition, NetworkEdge edge, EdgeReceiver receiver) {
            partitions.put(partition, new Receiving(edge, receiver));
        }

        synchronized void start() {
            Map<String, Object> config = new HashMap<>(consumerConfig);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "-" + flow.name() + "-" + instance.location() + "-"
                    + instance.member());
            int maxPollRecords = maxPollRecords(config);
            partitions.forEach((tp, receiving) -> {
                undelivered.put(tp, new ArrayDeque<>());
                // nothing has been delivered yet, so the room left is the queue's capacity
                int room = receiving.receiver().remainingCapacity();
                capacity.put(tp, room);
                resumeAt.put(tp, Math.max(1, Math.min(maxPollRecords, room / 2)));
            });
            consumer = new KafkaConsumer<>(config);
            consumer.assign(partitions.keySet());
            if (meters != null) {
                partitions.forEach((tp, receiving) -> {
                    Tags tags = Tags.of("flow", flow.name(), "location", instance.location(),
                            "member", String.valueOf(instance.member()), "edge", receiving.edge().name());
                    Gauge.builder("hydro.edge.lag", lag, l -> l.getOrDefault(tp, 0L))
                            .description("Records on an edge not yet consumed by this instance")
                            .tags(tags).register(meters);
                    Gauge.builder("hydro.edge.paused", paused, p -> p.contains(tp) ? 1 : 0)
                            .description("1 while this instance's consumer of an edge is paused because its"
                                    + " input queue is full")
                            .tags(tags).register(meters);
                    pauses.put(tp, Counter.builder("hydro.edge.pauses")
                            .description("How often this instance's consumer of an edge paused for a full queue")
                            .tags(tags).register(meters));
                });
            }
            running = true;
            thread = new Thread(this, "hydro-edges-" + instance.location() + "-" + instance.member());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (running) {
                    commitAcknowledged();
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(paused.isEmpty() ? pollTimeout
                            : PAUSED_POLL)) {
                        undelivered.get(new TopicPartition(record.topic(), record.partition())).add(record);
                    }
                    for (Map.Entry<TopicPartition, Receiving> entry : partitions.entrySet()) {
                        TopicPartition tp = entry.getKey();
                        deliver(tp, entry.getValue().receiver());
                        consumer.currentLag(tp).ifPresent(l -> lag.put(tp, l));
                    }
                }
            } catch (WakeupException | InterruptedException e) {
                // stopping
            } catch (RuntimeException e) {
                failure = e;
                log.error("Edge consumer of {} failed", instance, e);
            } finally {
                Thread.interrupted(); // the consumer refuses to commit on an interrupted thread
                try {
                    commitAcknowledged();
                } finally {
                    consumer.close(Duration.ofSeconds(5));
                }
            }
        }

        /** Hands over what fits, then pauses or resumes the partition. */
        private void deliver(TopicPartition tp, EdgeReceiver receiver) throws InterruptedException {
            ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting = undelivered.get(tp);
            int room = receiver.remainingCapacity();
            // a record may weigh many elements (a tick frame): hand it over only if it fits, or if the queue is
            // empty (a record larger than the whole queue must still get through)
            while (!waiting.isEmpty() && room > 0
                    && (room == Integer.MAX_VALUE || room >= capacity.get(tp)
                            || receiver.weight(waiting.peek().value()) <= room)) {
                ConsumerRecord<byte[], byte[]> record = waiting.poll();
                long next = record.offset() + 1;
                receiver.receive(senderOf(record.key()), record.value(), exactlyOnce()
                        ? () -> transactions.consumed(instance, group, tp, next)
                        : () -> toCommit.merge(tp, next, Math::max));
                room = room == Integer.MAX_VALUE ? room : receiver.remainingCapacity();
            }
            if (!waiting.isEmpty()) {
                if (paused.add(tp)) {
                    consumer.pause(List.of(tp));
                    Counter counter = pauses.get(tp);
                    if (counter != null) {
                        counter.increment();
                    }
                    log.debug("Paused {} at {}: input queue full, {} records wait", tp, instance, waiting.size());
                }
            } else if (paused.contains(tp) && room >= resumeAt.get(tp)) {
                consumer.resume(List.of(tp));
                paused.remove(tp);
                log.debug("Resumed {} at {}", tp, instance);
            }
        }

        private void commitAcknowledged() {
            if (toCommit.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition tp : List.copyOf(toCommit.keySet())) {
                Long offset = toCommit.remove(tp);
                if (offset != null) {
                    offsets.put(tp, new OffsetAndMetadata(offset));
                }
            }
            consumer.commitSync(offsets);
        }

        void stop() {
            running = false;
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            if (thread != null) {
                try {
                    thread.join(Duration.ofSeconds(2).toMillis());
                    if (thread.isAlive()) {
                        thread.interrupt(); // blocked handing a record to a full queue of a stopped instance
                        thread.join(Duration.ofSeconds(15).toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static int maxPollRecords(Map<String, Object> config) {
        Object value = config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        if (value == null) {
            return ConsumerConfig.DEFAULT_MAX_POLL_RECORDS;
        }
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    }

    private static int senderOf(byte[] key) {
        if (key == null) {
            return -1;
        }
        int member = 0;
        for (int i = key.length - 1, scale = 1; i >= 0 && key[i] != '/'; i--, scale *= 10) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            member += digit * scale;
        }
        return member;
    }

    private record Receiving(NetworkEdge edge, EdgeReceiver receiver) {
    }
}
