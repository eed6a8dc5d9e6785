package dev.hydro.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/run-suite.sh} parses its options: {@code --help}, mistakes (exit 2 with the reason), and a
 * {@code --dry-run} that prints the commands it would run without building, starting a broker or writing results.
 * The suite itself takes minutes and is not run here.
 */
@Timeout(60)
class RunSuiteScriptTest {

    /** Surefire runs in the module's directory. */
    private static final Path SCRIPT = Path.of("run-suite.sh").toAbsolutePath();

    private record Result(int exit, String output) {
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        assertThat(Files.isExecutable(SCRIPT)).as(SCRIPT + " is executable").isTrue();
        Result help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("--no-build", "--out DIR", "--only LIST", "--jmh-args", "--edge-args",
                "--memory-args", "--wordcount-args", "--dry-run", "report.md", "results.csv");
    }

    @Test
    void rejectsUnknownOptionsSectionsAndMissingValues() throws Exception {
        Result unknown = run("--bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown argument: --bogus", "Usage:");

        Result section = run("--only", "jmh,rocksdb");
        assertThat(section.exit()).isEqualTo(2);
        assertThat(section.output()).contains("unknown section 'rocksdb'");

        Result missing = run("--out");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("--out needs a value");
    }

    @Test
    void dryRunPrintsTheSelectedCommandsAndTouchesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results");
        Result dry = run("--dry-run", "--no-build", "--only", "memory,wordcount", "--out", out.toString(),
                "--memory-args", "--runs 1 --keys 1000", "--wordcount-args", "--lines 500");

        assertThat(dry.exit()).as(dry.output()).isZero();
        assertThat(dry.output())
                .contains("dev.hydro.benchmarks.memory.MemoryBenchmark --out " + out.resolve("raw/memory")
                        + " --runs 1 --keys 1000")
                .contains("kafka-start.sh --port <free port>")
                .contains("dev.hydro.benchmarks.wordcount.WordCountEndToEnd --bootstrap <broker> --out "
                        + out.resolve("raw/wordcount") + " --lines 500")
                .doesNotContain("mvn ", "jmh:", "edge:");
        assertThat(out).doesNotExist();

        Result all = run("--dry-run", "--out", out.toString());
        assertThat(all.output()).contains("mvn -B -q -DskipTests package -pl benchmarks,sample-service -am",
                "-prof gc -rf csv -rff", "EdgeThroughputBenchmark --bootstrap <broker> --records 100000 --runs 5");
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
