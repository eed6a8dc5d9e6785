package dev.hydro.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.benchmarks.memory.MemoryBenchmark.Options;
import dev.hydro.benchmarks.memory.MemoryBenchmark.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory harness runs end to end on tiny sizes, each measurement in its own child JVM, and its figures are
 * plausible: the word count's heap after GC does not follow the input, and every keyed state costs tens to
 * hundreds of bytes per key, the plain {@code HashMap} least.
 */
@Timeout(300)
class MemoryBenchmarkSmokeTest {

    @Test
    void writesSaneRowsForEverySectionAndSystem(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Row> rows = MemoryBenchmark.run(Options.parse("--out", dir.toString(), "--lines", "1000,10000",
                "--keys", "20000", "--runs", "1", "--xmx", "256m"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(rows).hasSize(2 * 4 + 3 * 4).allSatisfy(row -> {
            assertThat(row.runs()).isEqualTo(1);
            assertThat(row.min()).isLessThanOrEqualTo(row.median()).isPositive();
            assertThat(row.max()).isGreaterThanOrEqualTo(row.median());
        });
        double smallHeap = value(rows, "word-count-lines-1000", "heap_after_gc");
        double largeHeap = value(rows, "word-count-lines-10000", "heap_after_gc");
        assertThat(largeHeap).as("heap after GC, 10x the lines").isLessThan(1.5 * smallHeap);
        assertThat(value(rows, "word-count-lines-10000", "peak_rss")).isGreaterThan(largeHeap);

        Map<String, Double> bytesPerKey = rows.stream().filter(r -> r.metric().equals("bytes_per_key"))
                .collect(Collectors.toMap(Row::system, Row::median));
        assertThat(bytesPerKey).containsOnlyKeys("hydro", "kafka-streams", "java");
        // a 10-character key alone is a String (24 B) and its byte[] (32 B)
        assertThat(bytesPerKey.values()).allSatisfy(bytes -> assertThat(bytes).isBetween(56.0, 400.0));
        assertThat(bytesPerKey.get("java")).isLessThan(bytesPerKey.get("hydro"))
                .isLessThan(bytesPerKey.get("kafka-streams"));

        List<String> csv = Files.readAllLines(dir.resolve("memory.csv"));
        assertThat(csv.get(0)).isEqualTo("section,system,variant,metric,median,min,max,unit,runs");
        assertThat(csv).hasSize(rows.size() + 1);
        assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(9));
        assertThat(Files.readString(dir.resolve("memory.md"))).contains("## Memory", "| 10,000 (80,000) |",
                "| hydro |", "| kafka-streams |", "| java |");
    }

    @Test
    void rejectsAnUnknownOptionOrSystem() {
        assertThatThrownBy(() -> Options.parse("--out", "x", "--bogus", "1")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Options.parse("--out", "x", "--systems", "rocksdb")).hasMessageContaining("rocksdb");
        assertThatThrownBy(() -> Options.parse("--keys", "10")).hasMessageContaining("--out is required");
    }

    private static double value(List<Row> rows, String variant, String metric) {
        return rows.stream().filter(r -> r.variant().equals(variant) && r.metric().equals(metric)).findFirst()
                .orElseThrow().median();
    }
}
