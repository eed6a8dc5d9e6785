package dev.hydro.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.spring.runtime.HydroRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A leader process and a 3-member worker cluster run as four separate application contexts against a real
 * (embedded KRaft) Kafka broker: numbers enter through a Spring Cloud Stream input binding, travel to the
 * workers and back as typed records over edge topics, and leave through an output binding.
 */
@EmbeddedKafka(partitions = 1)
class KafkaDistributedFlowTest {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<Long, List<JsonNode>> results = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final JsonMapper json = JsonMapper.builder().build();
    private String prefix;
    private Thread reader;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        reading.set(false);
        if (reader != null) {
            reader.join(10_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
    }

    @Test
    void leaderAndThreeWorkersExchangeTypedRecordsOverKafkaTopics(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        ConfigurableApplicationContext leader = start(brokers, "leader", 0, true);
        for (int member = 0; member < 3; member++) {
            start(brokers, "worker", member, false);
        }
        startReading(brokers);

        send(brokers, 1, 30);

        await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 30);
        for (long n = 1; n <= 30; n++) {
            assertThat(results.get(n)).as("result of %d", n).hasSize(1);
            assertThat(results.get(n).get(0).get("square").asLong()).isEqualTo(n * n);
        }
        Map<Integer, Integer> perWorker = new HashMap<>();
        results.values().forEach(r -> perWorker.merge(r.get(0).get("worker").asInt(), 1, Integer::sum));
        assertThat(perWorker).as("round-robin spreads the jobs over the 3 workers").containsOnlyKeys(0, 1, 2)
                .allSatisfy((worker, count) -> assertThat(count).isEqualTo(10));

        HydroRuntime runtime = leader.getBean(HydroRuntime.class);
        assertThat(runtime.instances()).extracting(r -> r.id().toString()).containsExactly("leader/0");

        int port = ((WebServerApplicationContext) leader).getWebServer().getPort();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode ticks = getJson(http, port, "/actuator/metrics/hydro.tick.duration?tag=location:leader");
        assertThat(ticks.get("measurements").get(0).get("value").asDouble()).as("COUNT of leader ticks")
                .isPositive();
        JsonNode sent = getJson(http, port,
                "/actuator/metrics/hydro.edge.records?tag=direction:sent&tag=edge:leader-to-worker-round-robin");
        assertThat(sent.get("measurements").get(0).get("value").asDouble()).isEqualTo(30.0);
        JsonNode hydro = getJson(http, port, "/actuator/hydro");
        JsonNode flow = hydro.get("flows").get(0);
        assertThat(flow.get("name").asString()).isEqualTo("squares");
        assertThat(flow.get("instances").get(0).get("state").asString()).isEqualTo("RUNNING");
        assertThat(flow.get("mermaid").asString()).startsWith("flowchart LR")
                .contains("round-robin bincode: leader-to-worker-round-robin");
    }

    @Test
    void aRestartedWorkerLosesNothingAddressedToIt(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        start(brokers, "leader", 0, false);
        for (int member = 0; member < 3; member++) {
            start(brokers, "worker", member, false);
        }
        startReading(brokers);

        send(brokers, 1, 30);
        await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 30);

        ConfigurableApplicationContext worker1 = contexts.get(2);
        worker1.close();
        contexts.remove(worker1);

        send(brokers, 31, 60);
        await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 50);
        Set<Long> missing = new HashSet<>();
        for (long n = 31; n <= 60; n++) {
            if (!results.containsKey(n)) {
                missing.add(n);
            }
        }
        assertThat(missing).as("the jobs addressed to the stopped worker wait in its partition").hasSize(10);

        start(brokers, "worker", 1, false);
        await().atMost(Duration.ofSeconds(60)).until(() -> results.size() == 60);
        for (long n = 1; n <= 60; n++) {
            assertThat(results.get(n)).as("result of %d", n).hasSize(1);
            assertThat(results.get(n).get(0).get("square").asLong()).isEqualTo(n * n);
        }
        assertThat(missing).allSatisfy(n -> assertThat(results.get(n).get(0).get("worker").asInt()).isEqualTo(1));
    }

    private ConfigurableApplicationContext start(String brokers, String location, int member, boolean web) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.kafka.bootstrap-servers=" + brokers,
                "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "hydro.instance.location=" + location,
                "hydro.instance.member-id=" + member,
                "hydro.kafka.topic-prefix=" + prefix,
                "hydro.tick.idle-wait=20ms",
                "spring.cloud.stream.bindings.numbers.destination=" + prefix + "-numbers",
                "spring.cloud.stream.bindings.numbers.group=" + prefix + "-leader",
                "spring.cloud.stream.kafka.bindings.numbers.consumer.start-offset=earliest",
                "spring.cloud.stream.bindings.results.destination=" + prefix + "-results",
                "management.endpoints.web.exposure.include=health,metrics,hydro",
                "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN",
                "logging.level.state.change.logger=WARN",
                "spring.application.name=" + location + "-" + member));
        if (web) {
            properties.add("server.port=0");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SquaresApp.class)
                .web(web ? org.springframework.boot.WebApplicationType.SERVLET
                        : org.springframework.boot.WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
        contexts.add(context);
        return context;
    }

    private void send(String brokers, long from, long to) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        for (long n = from; n <= to; n++) {
            producer.send(new ProducerRecord<>(prefix + "-numbers", Long.toString(n)));
        }
        producer.flush();
    }

    private void startReading(String brokers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "-verifier",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(prefix + "-results"));
        reader = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode result = json.readTree(record.value());
                        results.computeIfAbsent(result.get("n").asLong(), n -> new ArrayList<>()).add(result);
                    }
                }
            }
        }, "results-reader");
        reader.start();
    }

    private JsonNode getJson(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
