package dev.hydro.benchmarks.wordcount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One process the harness started (a JVM of a system under test, or a broker script), its output in a log file.
 * Every running child is also known to a JVM shutdown hook that kills it, so that neither a failure nor a
 * Ctrl-C of the harness leaves processes behind.
 *
 * <pre>{@code
 * try (ChildJvm app = ChildJvm.start("kstreams", command, Map.of(), workDir.resolve("kstreams.log"), workDir)) {
 *     app.assertAlive();
 * }
 * }</pre>
 */
final class ChildJvm implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : RUNNING) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }, "wordcount-kill-children"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code dir} with its output appended to {@code log}. The environment is the
     * harness's, less anything that could pick a Spring profile, a hydro instance or a broker, plus {@code env}.
     */
    static ChildJvm start(String name, List<String> command, Map<String, String> env, Path log, Path dir) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("HYDRO_") || k.startsWith("SPRING_")
                    || k.equals("KAFKA_BOOTSTRAP") || k.equals("WORKERS") || k.equals("PORT")
                    || k.equals("JAVA_TOOL_OPTIONS"));
            builder.environment().putAll(env);
            Process process = builder.start();
            RUNNING.add(process);
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The command line of a JVM running {@code mainArgs} with the same {@code java} as the harness. */
    static List<String> java(List<String> jvmOptions, List<String> mainArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(mainArgs);
        return command;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** CPU time the process has used so far (user + system), in seconds; NaN where the OS does not tell. */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Throws, with the end of the log, if the process has exited. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") exited with status "
                    + process.exitValue() + "; the end of " + log + ":\n" + logTail(30));
        }
    }

    /** Whether the log contains {@code text}. */
    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code n} lines of the log without stack frames. */
    String logTail(int n) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Waits until the process exits by itself; false after {@code seconds}. */
    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM (graceful shutdown), SIGKILL after 30 s; also kills what the process started. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            RUNNING.remove(process);
        }
    }

    /** Stops all of {@code children} in parallel: SIGTERM to each first, then waits for each. */
    static void closeAll(List<ChildJvm> children) {
        for (ChildJvm child : children) {
            if (child.process.isAlive()) {
                child.process.destroy();
            }
        }
        for (ChildJvm child : children) {
            child.close();
        }
    }
}
