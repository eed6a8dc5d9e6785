package dev.hydro.deploy;

import dev.hydro.runtime.Durability;
import dev.hydro.runtime.InstanceId;
import dev.hydro.state.StateEntry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A changelog in memory, compacted like a Kafka changelog topic: the latest value of every state key of every
 * instance. A tick's entries become visible only when the tick commits, so a tick that fails leaves the
 * log as it was. Lets tests stop a {@link LocalDeployment} and start another one that restores its state.
 *
 * <pre>{@code
 * InMemoryChangelog changelog = new InMemoryChangelog();
 * try (LocalDeployment first = LocalDeployment.stepped(graph, Map.of(), changelog)) { ... }
 * try (LocalDeployment second = LocalDeployment.stepped(graph, Map.of(), changelog)) { ... } // continues
 * }</pre>
 */
public final class InMemoryChangelog implements Durability {

    private final Map<InstanceId, Map<ByteBuffer, byte[]>> committed = new ConcurrentHashMap<>();
    private final Map<InstanceId, List<StateEntry>> pending = new ConcurrentHashMap<>();
    private final Map<InstanceId, Long> written = new ConcurrentHashMap<>();

    @Override
    public boolean logsState() {
        return true;
    }

    @Override
    public void restore(InstanceId instance, Consumer<StateEntry> entries) {
        committed.getOrDefault(instance, Map.of())
                .forEach((key, value) -> entries.accept(new StateEntry(key.array(), value)));
    }

    @Override
    public void logState(InstanceId instance, List<StateEntry> changes) {
        pending.computeIfAbsent(instance, i -> new ArrayList<>()).addAll(changes);
        written.merge(instance, (long) changes.size(), Long::sum);
    }

    @Override
    public void commitTick(InstanceId instance) {
        List<StateEntry> entries = pending.remove(instance);
        if (entries == null) {
            return;
        }
        Map<ByteBuffer, byte[]> log = committed.computeIfAbsent(instance, i -> new LinkedHashMap<>());
        synchronized (log) {
            for (StateEntry entry : entries) {
                if (entry.value() == null) {
                    log.remove(ByteBuffer.wrap(entry.key()));
                } else {
                    log.put(ByteBuffer.wrap(entry.key()), entry.value());
                }
            }
        }
    }

    @Override
    public void abortTick(InstanceId instance, Throwable cause) {
        pending.remove(instance);
    }

    /** How many keys the log holds for {@code instance}. */
    public int size(InstanceId instance) {
        return committed.getOrDefault(instance, Map.of()).size();
    }

    /** How many entries {@code instance} has written in all (before compaction). */
    public long entriesWritten(InstanceId instance) {
        return written.getOrDefault(instance, 0L);
    }
}
