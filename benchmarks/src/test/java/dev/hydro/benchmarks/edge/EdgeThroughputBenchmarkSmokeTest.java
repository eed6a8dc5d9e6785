package dev.hydro.benchmarks.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.benchmarks.edge.EdgeThroughputBenchmark.Options;
import dev.hydro.benchmarks.edge.EdgeThroughputBenchmark.Trial;
import dev.hydro.network.BincodeCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The edge harness runs end to end against an in-process KRaft broker with a few records: every system
 * delivers every value of both sizes (the hydro edges in tick frames), and the table and CSV come out.
 */
@Timeout(60)
class EdgeThroughputBenchmarkSmokeTest {

    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void everySystemDeliversEveryRecord(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("edge.csv");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Trial> trials = EdgeThroughputBenchmark.run(Options.parse("--bootstrap", broker.getBrokersAsString(),
                "--records", "500", "--runs", "1", "--warmup", "0", "--csv", csv.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(trials).hasSize(6);
        assertThat(trials).extracting(Trial::system).containsExactly("raw", "bytes", "bincode", "raw", "bytes",
                "bincode");
        for (Trial trial : trials) {
            assertThat(trial.received()).as(trial.toString()).isEqualTo(500);
            assertThat(trial.recordsPerSecond()).as(trial.toString()).isPositive();
            assertThat(trial.p99Micros()).as(trial.toString()).isGreaterThanOrEqualTo(trial.p50Micros());
            // raw sends a record per value; the hydro edges one tick frame for the 500 values
            assertThat(trial.kafkaRecords()).as(trial.toString()).isEqualTo(trial.system().equals("raw") ? 500 : 1);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("| 100 B", "| 1024 B", "sendBytes", "sendBincode", "raw producer/consumer");
        assertThat(Files.readAllLines(csv)).hasSize(7);
    }

    @Test
    void bincodeValuesAreSizedToTheTarget() {
        for (int size : new int[] {100, 1024}) {
            int encoded = EdgeThroughputBenchmark.encodedSize(EdgeThroughputBenchmark.bodyFor(size));
            assertThat(encoded).isBetween(size - 4, size);
        }
        EdgePayload payload = new EdgePayload(7, 42, "x");
        assertThat(BincodeCodec.shared().decode(BincodeCodec.shared().encode(payload))).isEqualTo(payload);
    }
}
