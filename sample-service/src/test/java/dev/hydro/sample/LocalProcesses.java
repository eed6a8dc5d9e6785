package dev.hydro.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests need to know about the processes they start on this machine, directly or through the
 * config scripts: whether one still runs, the end of its log, and a clean environment for it.
 *
 * <pre>{@code
 * if (!LocalProcesses.isRunning(brokerPid)) {
 *     fail("broker died:\n" + LocalProcesses.logTail(brokerLog));
 * }
 * }</pre>
 */
final class LocalProcesses {

    private static final int TAIL_LINES = 25;

    private LocalProcesses() {
    }

    /**
     * Whether a process runs: it exists and is not a zombie. A process the scripts start in the background
     * ({@code nohup ... &}) is not the test's child; once it exits it may stay a zombie until init reaps it.
     */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The last lines of a log, without stack frames, for a failure message. */
    static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    /**
     * Removes from a process's environment what would pick the instance, the broker or the JVM options of a
     * deployment, so that the caller's shell cannot change what a test starts.
     */
    static void clearDeploymentVariables(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("HYDRO_") || k.startsWith("SPRING_")
                || List.of("KAFKA_BOOTSTRAP", "WORKERS", "PORT", "JAVA_OPTS", "KAFKA_HEAP_OPTS").contains(k));
    }
}
