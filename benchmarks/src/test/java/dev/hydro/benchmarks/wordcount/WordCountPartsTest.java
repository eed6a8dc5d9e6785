package dev.hydro.benchmarks.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.benchmarks.wordcount.WordCountEndToEnd.Measurement;
import dev.hydro.benchmarks.wordcount.kstreams.KafkaStreamsWordCount;
import dev.hydro.benchmarks.wordcount.scs.ScsWordCountApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The parts of the end-to-end word count that need no broker: the corpus and its reference, the Kafka Streams
 * topology and the Spring Cloud Stream functions each count a corpus to exactly the reference, and the report's
 * CSV has the suite's header and one row per variant and metric.
 */
class WordCountPartsTest {

    private final Corpus corpus = Corpus.synthetic(500);

    @Test
    void theCorpusIsFixedBySizeAndItsReferenceAddsUpToItsWords() {
        assertThat(Corpus.synthetic(500).lines()).isEqualTo(corpus.lines());
        assertThat(corpus.lines()).hasSize(500).allSatisfy(line -> assertThat(line).matches("[a-z]+( [a-z]+)*"));
        assertThat(corpus.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(corpus.words());
        assertThat(corpus.words()).isBetween(500L * Corpus.MIN_WORDS, 500L * Corpus.MAX_WORDS);
        assertThat(corpus.countsTimes(3))
                .allSatisfy((word, n) -> assertThat(n).isEqualTo(3 * corpus.counts().get(word)));
        // Zipf: a few words carry much of the text
        long top = corpus.counts().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(top).isGreaterThan(corpus.words() / 20);
    }

    @Test
    void wordsSplitsLikeTheSampleService() {
        assertThat(Words.split("It's the Question!")).containsExactly("it's", "the", "question");
        assertThat(Words.split("  a  b ")).containsExactly("a", "b");
    }

    @Test
    void theKafkaStreamsTopologyCountsTheCorpusTwiceToTwiceTheReference(@TempDir Path state) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "wordcount-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(KafkaStreamsWordCount.topology("lines", "counts"),
                config)) {
            TestInputTopic<String, String> lines = driver.createInputTopic("lines", new StringSerializer(),
                    new StringSerializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic("counts", new StringDeserializer(),
                    new LongDeserializer());
            lines.pipeValueList(corpus.lines());
            lines.pipeValueList(corpus.lines());
            assertThat(counts.readKeyValuesToMap()).isEqualTo(corpus.countsTimes(2));
        }
    }

    @Test
    void theSpringCloudStreamFunctionsCountTheCorpusToTheReference() {
        ScsWordCountApplication application = new ScsWordCountApplication();
        Map<String, Long> latest = new HashMap<>();
        for (int round = 0; round < 2; round++) {
            // two polled batches per round, as two consumer threads would see them
            for (List<String> batch : List.of(corpus.lines().subList(0, 200), corpus.lines().subList(200, 500))) {
                List<Message<String>> partials = application.split().apply(batch);
                assertThat(partials).allSatisfy(m -> assertThat(new String((byte[]) m.getHeaders()
                        .get(KafkaHeaders.KEY), StandardCharsets.UTF_8)).isEqualTo(m.getPayload().split(" ")[0]));
                for (Message<String> total : application.count().apply(partials.stream().map(Message::getPayload)
                        .toList())) {
                    latest.put(new String((byte[]) total.getHeaders().get(KafkaHeaders.KEY), StandardCharsets.UTF_8),
                            Long.parseLong(total.getPayload()));
                }
            }
        }
        assertThat(latest).isEqualTo(corpus.countsTimes(2));
    }

    @Test
    void theCsvHasTheSuiteHeaderAndMedianMinMaxPerVariantAndMetric() {
        List<Measurement> runs = List.of(
                run("hydro", 1, 2.0, Map.of("tick_ms_leader", 4.0)),
                run("hydro", 2, 1.0, Map.of("tick_ms_leader", 2.0)),
                run("hydro", 3, 4.0, Map.of("tick_ms_leader", 3.0)),
                new Measurement("hydro", "scaling-alo-w4", Guarantee.AT_LEAST_ONCE, 4, 1, 500, 5000, 5.0,
                        Map.of("cpu_s", 7.5), null),
                run("kstreams", 1, 1.0, Map.of("commit_latency_avg_ms", Double.NaN)),
                new Measurement("scs", "alo-w2", Guarantee.AT_LEAST_ONCE, 2, 0, 500, 5000, Double.NaN, Map.of(),
                        "timed out"));
        List<String> csv = WordCountEndToEnd.csv(runs).lines().toList();

        assertThat(csv.get(0)).isEqualTo("section,system,variant,metric,median,min,max,unit,runs");
        assertThat(csv).contains("wordcount,hydro,alo-w2,lines_per_s,250.0,125.0,500.0,lines/s,3",
                "wordcount,hydro,alo-w2,seconds_per_batch,2.000,1.000,4.000,s,3",
                "wordcount,hydro,alo-w2,tick_ms_leader,3.00,2.00,4.00,ms,3",
                "wordcount,kstreams,alo-w2,lines_per_s,500.0,500.0,500.0,lines/s,1",
                "wordcount,scs,alo-w2,lines_per_s,,,,lines/s,0",
                "wordcount,hydro,scaling-alo-w4,cpu_s,7.50,7.50,7.50,cpu-s,1");
        assertThat(csv.get(csv.size() - 1)).startsWith("wordcount,hydro,scaling-alo-w4,"); // scaling rows last
        assertThat(csv).noneMatch(line -> line.contains("commit_latency_avg_ms")); // NaN only: no row
        assertThat(csv).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(9));
    }

    @Test
    void unknownSystemsAndOptionsAreRejected() {
        assertThatThrownBy(() -> WordCountEndToEnd.Options.parse("--systems", "flink"))
                .hasMessageContaining("unknown system flink");
        assertThatThrownBy(() -> WordCountEndToEnd.Options.parse("--records", "5"))
                .hasMessageContaining("unknown option --records");
        assertThatThrownBy(() -> Guarantee.parse("maybe")).hasMessageContaining("alo or eos");
    }

    private static Measurement run(String system, int run, double seconds, Map<String, Double> metrics) {
        return new Measurement(system, "alo-w2", Guarantee.AT_LEAST_ONCE, 2, run, 500, 5000, seconds, metrics, null);
    }
}
