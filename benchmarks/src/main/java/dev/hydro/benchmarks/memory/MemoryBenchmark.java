package dev.hydro.benchmarks.memory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Memory of one location instance, each figure measured in a fresh child JVM with the same flags
 * ({@link Options#jvmFlags()}), so that nothing one measurement loaded or allocated shows in another:
 *
 * <ol>
 *   <li><b>Growth with input</b>: the sample's word count ({@code lines → flatMap(words) → keyed count} at top
 *       level) over 100,000 and then 1,000,000 lines from the same bounded vocabulary, so the state is the same:
 *       peak RSS ({@code VmHWM}) and heap after GC.</li>
 *   <li><b>Bytes per key</b>: 1,000,000 distinct keys counted by a hydro keyed fold, by Kafka Streams'
 *       {@code count()} into {@code Stores.inMemoryKeyValueStore}, and by a plain {@code HashMap<String, Long>}
 *       (the floor): (heap after GC with the state − heap after GC with the empty structure) / keys.</li>
 * </ol>
 *
 * <p>Every measurement is repeated {@code --runs} times, the systems alternating within each round; the report
 * gives median, min and max. It writes {@code memory.md} and {@code memory.csv} into {@code --out}.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.hydro.benchmarks.memory.MemoryBenchmark --out target/memory
 * }</pre>
 */
public final class MemoryBenchmark {

    /** The header of {@code memory.csv}, shared by every section of the benchmark suite. */
    public static final String CSV_HEADER = "section,system,variant,metric,median,min,max,unit,runs";

    private static final String RESULT_PREFIX = "MEMORY-RESULT ";
    private static final double MIB = 1024.0 * 1024.0;

    /** The command line. */
    public record Options(Path out, List<Integer> lines, int wordsPerLine, int vocabulary, int chunk, int keys,
            List<String> systems, int runs, String xmx, long childTimeoutSeconds) {

        static final String USAGE = "options: --out DIR (required) --lines 100000,1000000 --words-per-line 8"
                + " --vocabulary 10000 --chunk 10000 --keys 1000000 --systems hydro,kafka-streams,hashmap --runs 3"
                + " --xmx 512m --child-timeout 120";

        /** Parses {@code args}; every option but {@code --out} has the default shown in {@link #USAGE}. */
        public static Options parse(String... args) {
            Path out = null;
            List<Integer> lines = List.of(100_000, 1_000_000);
            int wordsPerLine = 8;
            int vocabulary = 10_000;
            int chunk = 10_000;
            int keys = 1_000_000;
            List<String> systems = MemoryWorkloads.KEYED_SYSTEMS;
            int runs = 3;
            String xmx = "512m";
            long timeout = 120;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--out" -> out = Path.of(required(args[i], value));
                    case "--lines" -> lines = Arrays.stream(required(args[i], value).split(","))
                            .map(MemoryBenchmark::number).toList();
                    case "--words-per-line" -> wordsPerLine = number(required(args[i], value));
                    case "--vocabulary" -> vocabulary = number(required(args[i], value));
                    case "--chunk" -> chunk = number(required(args[i], value));
                    case "--keys" -> keys = number(required(args[i], value));
                    case "--systems" -> systems = Arrays.stream(required(args[i], value).split(","))
                            .map(String::trim).toList();
                    case "--runs" -> runs = number(required(args[i], value));
                    case "--xmx" -> xmx = required(args[i], value);
                    case "--child-timeout" -> timeout = number(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required; " + USAGE);
            }
            for (String system : systems) {
                if (!MemoryWorkloads.KEYED_SYSTEMS.contains(system)) {
                    throw new IllegalArgumentException("unknown system " + system + "; one of "
                            + MemoryWorkloads.KEYED_SYSTEMS);
                }
            }
            if (runs < 1 || keys < 1 || chunk < 1 || wordsPerLine < 1 || vocabulary < 1
                    || lines.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("sizes and --runs must be positive");
            }
            if (!xmx.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("--xmx takes a heap size like 512m: " + xmx);
            }
            return new Options(out, lines, wordsPerLine, vocabulary, chunk, keys, systems, runs, xmx, timeout);
        }

        /** The flags of every child JVM: a fixed heap ceiling, G1, a small initial heap. */
        public List<String> jvmFlags() {
            return List.of("-Xms64m", "-Xmx" + xmx, "-XX:+UseG1GC");
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }

    /** One CSV row: a metric's median, min and max over {@code runs} measurements. */
    public record Row(String section, String system, String variant, String metric, double median, double min,
            double max, String unit, int runs) {

        String csv() {
            return String.join(",", section, system, variant, metric, format(median), format(min), format(max), unit,
                    Integer.toString(runs));
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
        }
    }

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("MemoryBenchmark " + Options.USAGE);
            return;
        }
        run(Options.parse(args), System.out);
    }

    /** Runs every measurement in child JVMs, writes memory.md and memory.csv; returns the rows. */
    public static List<Row> run(Options options, PrintStream log) throws IOException, InterruptedException {
        log.printf(Locale.ROOT, "# memory benchmark: %d runs, child JVM flags %s%n", options.runs(),
                String.join(" ", options.jvmFlags()));
        Map<String, List<Map<String, Double>>> growth = new LinkedHashMap<>();
        Map<String, List<Map<String, Double>>> perKey = new LinkedHashMap<>();
        for (int run = 1; run <= options.runs(); run++) {
            for (int lines : options.lines()) {
                Map<String, Double> figures = child(options, "word-count", "--lines", Integer.toString(lines),
                        "--words-per-line", Integer.toString(options.wordsPerLine()), "--vocabulary",
                        Integer.toString(options.vocabulary()), "--chunk", Integer.toString(options.chunk()));
                growth.computeIfAbsent(Integer.toString(lines), k -> new ArrayList<>()).add(figures);
                log.printf(Locale.ROOT,
                        "run %d word count %,d lines: peak RSS %.1f MiB, heap committed %.1f MiB,"
                                + " heap after GC %.2f MiB, %.1f s%n", run, lines, figures.get("peak_rss_kb") / 1024,
                        figures.get("heap_committed_bytes") / MIB, figures.get("heap_after_gc_bytes") / MIB,
                        figures.get("seconds"));
            }
            for (String system : options.systems()) {
                Map<String, Double> figures = child(options, "keyed-state", "--system", system, "--keys",
                        Integer.toString(options.keys()));
                perKey.computeIfAbsent(system, k -> new ArrayList<>()).add(figures);
                log.printf(Locale.ROOT, "run %d %,d keys in %s: %.1f B/key (heap %.1f -> %.1f MiB)%n", run,
                        options.keys(), system, figures.get("bytes_per_key"), figures.get("baseline_heap_bytes") / MIB,
                        figures.get("heap_with_state_bytes") / MIB);
            }
        }
        List<Row> rows = rows(growth, perKey);
        Files.createDirectories(options.out());
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        rows.forEach(row -> csv.append(row.csv()).append('\n'));
        Files.writeString(options.out().resolve("memory.csv"), csv);
        String markdown = markdown(options, rows);
        Files.writeString(options.out().resolve("memory.md"), markdown);
        log.println();
        log.print(markdown);
        return rows;
    }

    private static List<Row> rows(Map<String, List<Map<String, Double>>> growth,
            Map<String, List<Map<String, Double>>> perKey) {
        List<Row> rows = new ArrayList<>();
        growth.forEach((lines, runs) -> {
            String variant = "word-count-lines-" + lines;
            rows.add(row("memory-growth", "hydro", variant, "peak_rss", runs, "peak_rss_kb", 1 / 1024.0, "MiB"));
            rows.add(row("memory-growth", "hydro", variant, "heap_after_gc", runs, "heap_after_gc_bytes", 1 / MIB,
                    "MiB"));
            rows.add(row("memory-growth", "hydro", variant, "heap_committed", runs, "heap_committed_bytes", 1 / MIB,
                    "MiB"));
            rows.add(row("memory-growth", "hydro", variant, "elapsed", runs, "seconds", 1, "s"));
        });
        perKey.forEach((system, runs) -> {
            String variant = switch (system) {
                case "hydro" -> "keyed-fold-count";
                case "kafka-streams" -> "count-in-memory-store";
                default -> "hashmap-string-long";
            };
            String name = system.equals("hashmap") ? "java" : system;
            rows.add(row("memory-per-key", name, variant, "bytes_per_key", runs, "bytes_per_key", 1, "B/key"));
            rows.add(row("memory-per-key", name, variant, "heap_with_state", runs, "heap_with_state_bytes", 1 / MIB,
                    "MiB"));
            rows.add(row("memory-per-key", name, variant, "baseline_heap", runs, "baseline_heap_bytes", 1 / MIB,
                    "MiB"));
            rows.add(row("memory-per-key", name, variant, "peak_rss", runs, "peak_rss_kb", 1 / 1024.0, "MiB"));
        });
        return rows;
    }

    private static Row row(String section, String system, String variant, String metric,
            List<Map<String, Double>> runs, String figure, double scale, String unit) {
        double[] values = runs.stream().mapToDouble(f -> f.get(figure) * scale).sorted().toArray();
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Row(section, system, variant, metric, median, values[0], values[n - 1], unit, n);
    }

    private static String markdown(Options options, List<Row> rows) {
        StringBuilder md = new StringBuilder("## Memory (`MemoryBenchmark`)\n\n");
        md.append(String.format(Locale.ROOT, "Each figure comes from a fresh JVM (`java %s`), %d runs with the"
                + " systems alternating within each run; median (min-max).%n%n", String.join(" ", options.jvmFlags()),
                options.runs()));
        md.append(String.format(Locale.ROOT, "**Growth with input.** The sample's word count in one location"
                + " instance (`LocalDeployment.stepped`): `sourceStream(\"lines\").flatMap(words).intoKeyed(w -> w,"
                + " w -> 1L).fold(Fold.count())` at top level, %,d lines per tick, %d words per line from a vocabulary"
                + " of %,d words, so the state is the same at every size. Lines are generated per tick and dropped"
                + " after it. Peak RSS is `VmHWM` of `/proc/self/status` at the end; heap after GC is"
                + " `MemoryMXBean` heap used after `System.gc()` (repeated until stable) with the flow still"
                + " deployed. Heap committed is the size G1 had grown the heap to by the end of the run, read"
                + " before that GC: peak RSS follows it, not the live data.%n%n", options.chunk(),
                options.wordsPerLine(), options.vocabulary()));
        md.append("| lines (words) | peak RSS MiB | heap committed MiB | heap after GC MiB | elapsed s |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        List<Row> growth = rows.stream().filter(r -> r.section().equals("memory-growth")).toList();
        for (int lines : options.lines()) {
            String variant = "word-count-lines-" + lines;
            md.append(String.format(Locale.ROOT, "| %,d (%,d) | %s | %s | %s | %s |%n", lines,
                    (long) lines * options.wordsPerLine(), cell(growth, variant, "peak_rss", "%.1f"),
                    cell(growth, variant, "heap_committed", "%.1f"),
                    cell(growth, variant, "heap_after_gc", "%.2f"), cell(growth, variant, "elapsed", "%.1f")));
        }
        if (options.lines().size() >= 2) {
            int small = options.lines().get(0);
            int large = options.lines().get(options.lines().size() - 1);
            md.append(String.format(Locale.ROOT, "%n%,d lines against %,d (%.0fx the input): peak RSS %.2fx,"
                    + " heap after GC %.2fx (medians).%n", large, small, large / (double) small,
                    ratio(growth, "word-count-lines-" + large, "word-count-lines-" + small, "peak_rss"),
                    ratio(growth, "word-count-lines-" + large, "word-count-lines-" + small, "heap_after_gc")));
        }
        md.append(String.format(Locale.ROOT, "%n**Bytes per key.** %,d distinct 10-character keys, each counted"
                + " once; bytes/key = (heap after GC holding the state - heap after GC with the empty structure) /"
                + " keys, so it includes the key `String` wherever the state keeps one.%n%n", options.keys()));
        md.append("| system | state | bytes/key | heap with state MiB | baseline heap MiB |\n"
                + "| --- | --- | ---: | ---: | ---: |\n");
        List<Row> perKey = rows.stream().filter(r -> r.section().equals("memory-per-key")).toList();
        for (String system : options.systems()) {
            String name = system.equals("hashmap") ? "java" : system;
            String variant = perKey.stream().filter(r -> r.system().equals(name)).findFirst().orElseThrow().variant();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, describe(system),
                    cell(perKey, variant, "bytes_per_key", "%.1f"), cell(perKey, variant, "heap_with_state", "%.1f"),
                    cell(perKey, variant, "baseline_heap", "%.1f")));
        }
        return md.toString();
    }

    private static String describe(String system) {
        return switch (system) {
            case "hydro" -> "top-level `intoKeyed(k -> k, k -> 1L).fold(Fold.count())`, 100,000 keys per tick";
            case "kafka-streams" -> "`groupByKey().count(Materialized.as(Stores.inMemoryKeyValueStore(..)))`"
                    + " under `TopologyTestDriver`, logging and cache off";
            default -> "`HashMap<String, Long>.merge(key, 1L, Long::sum)` (the floor)";
        };
    }

    private static String cell(List<Row> rows, String variant, String metric, String format) {
        Row row = find(rows, variant, metric);
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", row.median(), row.min(),
                row.max());
    }

    private static double ratio(List<Row> rows, String variant, String base, String metric) {
        return find(rows, variant, metric).median() / find(rows, base, metric).median();
    }

    private static Row find(List<Row> rows, String variant, String metric) {
        return rows.stream().filter(r -> r.variant().equals(variant) && r.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    /** Runs one workload in a fresh JVM and parses the figures it prints. */
    private static Map<String, Double> child(Options options, String workload, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MemoryBenchmark.class.getName());
        command.add("--child");
        command.add(workload);
        command.addAll(List.of(args));
        Path printed = Files.createTempFile("memory-benchmark-child", ".log");
        try {
            // stdout and stderr to a file: no pipe to drain, so the timeout below also covers a child that hangs
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(printed.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(options.childTimeoutSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("child " + workload + " did not finish in "
                        + options.childTimeoutSeconds() + " s");
            }
            String output = Files.readString(printed, StandardCharsets.UTF_8);
            String result = output.lines().filter(line -> line.startsWith(RESULT_PREFIX)).findFirst().orElse(null);
            if (process.exitValue() != 0 || result == null) {
                throw new IllegalStateException("child " + String.join(" ", command) + " failed (exit "
                        + process.exitValue() + "):\n" + output);
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            for (String pair : result.substring(RESULT_PREFIX.length()).trim().split(" ")) {
                String[] kv = pair.split("=", 2);
                figures.put(kv[0], Double.parseDouble(kv[1]));
            }
            return figures;
        } finally {
            Files.deleteIfExists(printed);
        }
    }

    /** The child side: runs one workload and prints its figures on one line. */
    private static void child(String... args) {
        String workload = args[0];
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            named.put(args[i], args[i + 1]);
        }
        Map<String, Double> figures = switch (workload) {
            case "word-count" -> MemoryWorkloads.wordCount(number(named.get("--lines")),
                    number(named.get("--words-per-line")), number(named.get("--vocabulary")),
                    number(named.get("--chunk")));
            case "keyed-state" -> MemoryWorkloads.keyedState(named.get("--system"), number(named.get("--keys")));
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        StringBuilder line = new StringBuilder(RESULT_PREFIX);
        figures.forEach((key, value) -> line.append(key).append('=').append(String.format(Locale.ROOT, "%.3f", value))
                .append(' '));
        System.out.println(line.toString().trim());
        System.out.flush();
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim().replace("_", ""));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a number: " + text, e);
        }
    }
}
