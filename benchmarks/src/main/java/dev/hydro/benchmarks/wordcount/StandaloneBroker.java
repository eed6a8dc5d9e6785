package dev.hydro.benchmarks.wordcount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Kafka broker started with the project's {@code config/kafka/kafka-start.sh} on a free port pair, for
 * when the harness is given no {@code --bootstrap}; {@link #close()} stops it with {@code kafka-stop.sh}. A JVM
 * shutdown hook kills it should the harness be stopped before.
 *
 * <pre>{@code
 * try (StandaloneBroker broker = StandaloneBroker.start(Path.of("config"), workDir.resolve("kafka"))) {
 *     String bootstrap = broker.bootstrap();
 * }
 * }</pre>
 */
final class StandaloneBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path configDir;
    private final Path stateDir;
    private final int port;
    private final long pid;
    private final Thread killOnExit;

    private StandaloneBroker(Path configDir, Path stateDir, int port, long pid) {
        this.configDir = configDir;
        this.stateDir = stateDir;
        this.port = port;
        this.pid = pid;
        this.killOnExit = new Thread(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy),
                "wordcount-kill-broker");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts a broker with its state (data, log, cached class path) in {@code stateDir}. */
    static StandaloneBroker start(Path configDir, Path stateDir) throws InterruptedException {
        int port = freePortPair();
        String output = script(configDir, stateDir, "kafka-start.sh", START_TIMEOUT, "--port", String.valueOf(port),
                "--dir", stateDir.toString());
        if (!output.contains("KAFKA_BOOTSTRAP=127.0.0.1:" + port)) {
            throw new IllegalStateException("kafka-start.sh did not report the broker:\n" + output);
        }
        try {
            long pid = Long.parseLong(Files.readString(stateDir.resolve("broker.pid")).trim());
            return new StandaloneBroker(configDir, stateDir, port, pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return pid;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            script(configDir, stateDir, "kafka-stop.sh", STOP_TIMEOUT, "--port", String.valueOf(port), "--dir",
                    stateDir.toString());
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Runs a script of config/kafka, its output appended to {@code <stateDir>/<script>.log}; fails unless 0. */
    private static String script(Path configDir, Path stateDir, String script, Duration timeout, String... args)
            throws InterruptedException {
        try {
            Files.createDirectories(stateDir);
            Path log = stateDir.resolve(script.replace(".sh", "") + ".out");
            List<String> command = new ArrayList<>(List.of("bash", configDir.resolve("kafka").resolve(script)
                    .toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(stateDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(script + (finished ? " exited with " + process.exitValue()
                        : " did not finish within " + timeout) + "; its output:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor (the controller port) is free too. */
    private static int freePortPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePorts.one();
            if (port < 65535 && FreePorts.isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair found");
    }
}
