package dev.hydro.benchmarks;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.BoundedKeyedStream;
import dev.hydro.stream.ExactlyOnce;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import dev.hydro.stream.TotalOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.ValueJoinerWithKey;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An equi-join per tick: {@value #ORDERS} orders, each naming one of {@value #CUSTOMERS} customers, joined with
 * the customers on the customer id, by a hand-written hash join, {@code java.util.stream}, a hydro tick
 * ({@code join} of two keyed batches) and Kafka Streams' {@code TopologyTestDriver} (a KStream-KTable join).
 * Scores are nanoseconds per input record, orders and customers together ({@value #ELEMENTS}).
 *
 * <p>Every order matches exactly one customer, so every variant produces {@value #ORDERS} pairs; each returns
 * the sum of {@link #pairChecksum} over its pairs, which reads both sides of every pair.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Join -f 1 -wi 5 -w 2s -i 3 -r 1s -prof gc
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(JoinBenchmark.ELEMENTS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JoinBenchmark {

    /** Orders per invocation: the probe side. */
    public static final int ORDERS = 100_000;

    /** Customers per invocation: the build side, one per customer id. */
    public static final int CUSTOMERS = 10_000;

    /** Input records per invocation. */
    public static final int ELEMENTS = ORDERS + CUSTOMERS;

    private static final NonDet ONE_TICK = NonDet.because("one tick per invocation: a batch is what was pushed");

    /** An order of a customer. */
    public record Order(long id, int customerId) {
    }

    /** A customer, with a value the join result reads. */
    public record Customer(int id, long weight) {
    }

    /** Tag type of the one process of the hydro flow. */
    interface Joiner {
    }

    /**
     * Orders per invocation, with a tenth as many customers. Scores are per record only at the default,
     * {@value #ORDERS}, which {@link OperationsPerInvocation} assumes; the JMH smoke test lowers it.
     */
    @Param({"100000"})
    public int size;

    private List<Order> orders;
    private List<Customer> customers;

    private LocalDeployment deployment;
    private Process<Joiner> process;
    private LocalDeployment.Input ordersInput;
    private LocalDeployment.Input customersInput;
    private final TickResult tickResult = new TickResult();

    private TopologyTestDriver driver;
    private TestInputTopic<Integer, Long> ordersTopic;
    private TestInputTopic<Integer, Long> customersTopic;
    private List<KeyValue<Integer, Long>> orderRecords;
    private List<KeyValue<Integer, Long>> customerRecords;
    private long kafkaChecksum;

    /** Prepares the data, deploys the hydro flow and builds the Kafka Streams driver. */
    @Setup(Level.Trial)
    public void setup() {
        setup(size, size / 10);
    }

    /** Prepares {@code orderCount} orders of {@code customerCount} customers; the smoke test uses small sizes. */
    void setup(int orderCount, int customerCount) {
        Random random = new Random(11);
        List<Customer> customerList = new ArrayList<>(customerCount);
        for (int i = 0; i < customerCount; i++) {
            customerList.add(new Customer(i, 1 + random.nextInt(1_000)));
        }
        Collections.shuffle(customerList, random);
        List<Order> orderList = new ArrayList<>(orderCount);
        for (int i = 0; i < orderCount; i++) {
            orderList.add(new Order(i, random.nextInt(customerCount)));
        }
        customers = Collections.unmodifiableList(customerList);
        orders = Collections.unmodifiableList(orderList);

        FlowBuilder flow = new FlowBuilder("join");
        process = flow.process(Joiner.class);
        BoundedKeyedStream<Integer, Order, Process<Joiner>, TotalOrder, ExactlyOnce> keyedOrders =
                process.sourceStream("orders", Order.class)
                        .batch(process.tick(), ONE_TICK)
                        .intoKeyed(Order::customerId, o -> o);
        BoundedKeyedStream<Integer, Customer, Process<Joiner>, TotalOrder, ExactlyOnce> keyedCustomers =
                process.sourceStream("customers", Customer.class)
                        .batch(process.tick(), ONE_TICK)
                        .intoKeyed(Customer::id, c -> c);
        keyedOrders.join(keyedCustomers)
                .values()
                .fold(Fold.sumLong(pair -> pairChecksum(pair.first().id(), pair.second().id(), pair.second().weight())))
                .intoStream()
                .allTicks()
                .forEach(tickResult.sink());
        deployment = LocalDeployment.stepped(flow.build());
        ordersInput = deployment.input(process, 0, "orders");
        customersInput = deployment.input(process, 0, "customers");
        deployment.runTick(process);

        StreamsBuilder builder = new StreamsBuilder();
        KTable<Integer, Long> customerTable = builder.table("customers",
                Consumed.with(Serdes.Integer(), Serdes.Long()),
                Materialized.<Integer, Long>as(Stores.inMemoryKeyValueStore("customers"))
                        .withKeySerde(Serdes.Integer()).withValueSerde(Serdes.Long()));
        ValueJoinerWithKey<Integer, Long, Long, Long> joiner =
                (customerId, orderId, weight) -> pairChecksum(orderId, customerId, weight);
        builder.stream("orders", Consumed.with(Serdes.Integer(), Serdes.Long()))
                .join(customerTable, joiner)
                .foreach((customerId, checksum) -> kafkaChecksum += checksum);
        driver = new TopologyTestDriver(builder.build(), WordCountBenchmark.kafkaProperties("join"));
        ordersTopic = driver.createInputTopic("orders", new IntegerSerializer(), new LongSerializer());
        customersTopic = driver.createInputTopic("customers", new IntegerSerializer(), new LongSerializer());
        orderRecords = new ArrayList<>(orderCount);
        for (Order order : orders) {
            orderRecords.add(KeyValue.pair(order.customerId(), order.id()));
        }
        customerRecords = new ArrayList<>(customerCount);
        for (Customer customer : customers) {
            customerRecords.add(KeyValue.pair(customer.id(), customer.weight()));
        }
    }

    /** Stops the deployment and closes the driver. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (deployment != null) {
            deployment.close();
        }
        if (driver != null) {
            driver.close();
        }
    }

    /** The baseline: build a {@code HashMap} of the customers by id, then probe it with every order. */
    @Benchmark
    public long handWrittenLoop() {
        List<Customer> build = customers;
        HashMap<Integer, Customer> byId = new HashMap<>();
        for (int i = 0, n = build.size(); i < n; i++) {
            Customer customer = build.get(i);
            byId.put(customer.id(), customer);
        }
        List<Order> probe = orders;
        long checksum = 0;
        for (int i = 0, n = probe.size(); i < n; i++) {
            Order order = probe.get(i);
            Customer customer = byId.get(order.customerId());
            if (customer != null) {
                checksum += pairChecksum(order.id(), customer.id(), customer.weight());
            }
        }
        return checksum;
    }

    /** {@code groupingBy} the customers by id, then {@code flatMap} every order to its matches. Sequential. */
    @Benchmark
    public long javaUtilStream() {
        Map<Integer, List<Customer>> byId = customers.stream().collect(Collectors.groupingBy(Customer::id));
        return orders.stream()
                .flatMap(order -> byId.getOrDefault(order.customerId(), List.of()).stream()
                        .map(customer -> pairChecksum(order.id(), customer.id(), customer.weight())))
                .mapToLong(Long::longValue)
                .sum();
    }

    /**
     * The hydro flow: both batches are handed over to their inputs ({@code handOver}: no copy, the way a
     * batch-mode Kafka binding hands over a poll), one tick runs {@code intoKeyed} on
     * both, {@code join} (inside a tick: hash the smaller batch, probe with the larger; the compiler fuses
     * {@code intoKeyed} into it and lets it emit bare pairs into {@code values()}) and
     * {@code fold(sumLong(checksum))}.
     */
    @Benchmark
    public long hydroTickLoop() {
        customersInput.handOver(customers);
        ordersInput.handOver(orders);
        return tickResult.runOneTick(deployment, process);
    }

    /**
     * Kafka Streams: {@code stream("orders").join(table("customers"), joiner).foreach(sum)}, the table in an
     * in-memory store. The customers are piped first (table upserts: the build side), then the orders
     * (keyed by customer id, each a lookup in the table: the probe side), with {@code pipeKeyValueList}.
     */
    @Benchmark
    public long kafkaStreamsTopologyTestDriver() {
        kafkaChecksum = 0;
        customersTopic.pipeKeyValueList(customerRecords);
        ordersTopic.pipeKeyValueList(orderRecords);
        return kafkaChecksum;
    }

    /** What one joined pair contributes to every variant's result. */
    static long pairChecksum(long orderId, int customerId, long weight) {
        return BenchmarkData.mix(orderId * 1_000_003L + customerId) ^ weight;
    }
}
