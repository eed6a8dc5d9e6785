package dev.hydro.benchmarks.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.benchmarks.wordcount.WordCountEndToEnd.Measurement;
import dev.hydro.benchmarks.wordcount.WordCountEndToEnd.Options;
import dev.hydro.benchmarks.wordcount.WordCountEndToEnd.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The end-to-end word-count harness, tiny, against a real standalone broker ({@code config/kafka/kafka-start.sh}
 * on a free port, state in {@code target/wordcount-it/kafka}): the hydro sample (leader + 2 worker JVMs from
 * {@code sample-service/target/sample-service.jar}), the Kafka Streams JVM and the Spring Cloud Stream JVM each
 * count a 300-line corpus to exactly the reference, twice (warm-up and one run), at least once; Kafka Streams also
 * exactly once, through Kafka transactions. Every JVM logs to {@code target/wordcount-it/<run>/}; the harness stops
 * every process it started, also on failure.
 *
 * <p>Runs in failsafe's {@code integration-test} phase; sample-service is built before this module (an ordering
 * dependency in the pom). {@code @Timeout} is a safety net: on a quiet 2-core machine the class takes about a minute.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WordCountEndToEndIT {

    private static final Path WORK = Path.of(System.getProperty("wordcount.work-dir", "target/wordcount-it"))
            .toAbsolutePath().normalize();
    private static final Path SAMPLE_JAR = Path.of(System.getProperty("wordcount.sample-jar",
            "../sample-service/target/sample-service.jar")).toAbsolutePath().normalize();
    private static final Path CONFIG = Path.of(System.getProperty("wordcount.config-dir", "../config"))
            .toAbsolutePath().normalize();

    private static StandaloneBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        assertThat(SAMPLE_JAR).as("sample-service's repackaged jar (built before this module)").isRegularFile();
        for (String run : List.of("alo", "eos")) {
            deleteRecursively(WORK.resolve(run));
        }
        broker = StandaloneBroker.start(CONFIG, WORK.resolve("kafka")); // keeps its cached class path there
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everySystemCountsTheCorpusToTheReferenceAtLeastOnce() throws Exception {
        Result result = harness("alo", "--systems", "hydro,kstreams,scs", "--guarantees", "alo");

        assertThat(result.failures()).as("failed runs").isEmpty();
        assertThat(result.measurements()).extracting(Measurement::system)
                .containsExactly("hydro", "kstreams", "scs");
        assertThat(result.measurements()).allSatisfy(m -> {
            assertThat(m.run()).isEqualTo(1);
            assertThat(m.workers()).isEqualTo(2);
            assertThat(m.seconds()).isPositive();
        });
        String md = Files.readString(WORK.resolve("alo/out/wordcount.md"));
        assertThat(md).contains("| hydro (sample service) | at-least-once | 2 |",
                "| Kafka Streams | at-least-once | 2 |",
                "| Spring Cloud Stream | at-least-once | 2 |", "Corpus: 300 lines");
        List<String> csv = Files.readAllLines(WORK.resolve("alo/out/wordcount.csv"));
        assertThat(csv.get(0)).isEqualTo(WordCountEndToEnd.CSV_HEADER);
        assertThat(csv).anyMatch(l -> l.startsWith("wordcount,hydro,alo-w2,lines_per_s,"))
                .anyMatch(l -> l.startsWith("wordcount,hydro,alo-w2,tick_ms_workers,"))
                .anyMatch(l -> l.startsWith("wordcount,kstreams,alo-w2,lines_per_s,"))
                .anyMatch(l -> l.startsWith("wordcount,scs,alo-w2,lines_per_s,"));
    }

    @Test
    void kafkaStreamsCountsTheCorpusToTheReferenceExactlyOnceInTransactions() throws Exception {
        Result result = harness("eos", "--systems", "kstreams", "--guarantees", "eos");

        assertThat(result.failures()).as("failed runs").isEmpty();
        assertThat(result.measurements()).singleElement()
                .satisfies(m -> assertThat(m.guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE));
        assertThat(result.transactionalIds().get("kstreams eos-w2")).as("transactional ids of the Kafka Streams app")
                .isPositive();
    }

    private static Result harness(String run, String... selection) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap", broker.bootstrap(),
                "--lines", "300", "--runs", "1", "--workers", "none", "--parallelism", "2",
                "--sample-jar", SAMPLE_JAR.toString(), "--config-dir", CONFIG.toString(),
                "--work-dir", WORK.resolve(run).toString(), "--out", WORK.resolve(run).resolve("out").toString(),
                "--run-timeout", "120",
                // correctness, not speed: C1 only and a small heap start the JVMs faster
                "--jvm-opts", "-Xmx256m -XX:TieredStopAtLevel=1"));
        args.addAll(List.of(selection));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            Result result = WordCountEndToEnd.run(Options.parse(args.toArray(String[]::new)), out);
            System.out.println(printed.toString(StandardCharsets.UTF_8)); // progress and table in the report
            return result;
        } catch (Exception | AssertionError e) {
            System.out.println(printed.toString(StandardCharsets.UTF_8));
            throw e;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
