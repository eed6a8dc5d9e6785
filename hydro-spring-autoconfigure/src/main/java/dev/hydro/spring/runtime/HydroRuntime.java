package dev.hydro.spring.runtime;

import dev.hydro.deploy.ClockScheduler;
import dev.hydro.network.NetworkEdge;
import dev.hydro.network.Transport;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.Durability;
import dev.hydro.runtime.Environment;
import dev.hydro.runtime.InstanceContext.MembershipChange;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.LocationInstance;
import dev.hydro.runtime.Scheduler;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.runtime.TickLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the location instances of this application: one {@link TickLoop} thread per instance, started after
 * the context is ready. Stopping lets every running tick finish, so what it consumed is acknowledged
 * (committed) and what it sent is flushed, before the transport closes.
 *
 * <pre>{@code
 * for (HydroRuntime.RunningInstance running : runtime.instances()) {
 *     System.out.println(running.id() + " ticked " + running.instance().ticks() + " times");
 * }
 * }</pre>
 */
public class HydroRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HydroRuntime.class);

    private final List<Flow> flows;
    private final InstancePlan plan;
    private final EdgeTransportFactory transports;
    private final ExternalIo io;
    private final List<FlowListenerFactory> listeners;
    private final Map<String, Transport> transportsByFlow = new LinkedHashMap<>();
    private final List<RunningInstance> running = new ArrayList<>();
    private ClockScheduler scheduler;
    private Thread keepAlive;
    private volatile boolean started;

    public HydroRuntime(List<Flow> flows, InstancePlan plan, EdgeTransportFactory transports, ExternalIo io,
            List<FlowListenerFactory> listeners) {
        this.flows = List.copyOf(flows);
        this.plan = plan;
        this.transports = transports;
        this.io = io;
        this.listeners = List.copyOf(listeners);
        io.validate(plan.inputsRunHere());
    }

    /**
     * One instance this application runs.
     *
     * @param flow the flow
     * @param instance the compiled instance
     * @param loop the thread driving it
     */
    public record RunningInstance(Flow flow, LocationInstance instance, TickLoop loop) {
        /** The instance's id. */
        public InstanceId id() {
            return instance.id();
        }
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        scheduler = new ClockScheduler();
        for (Flow flow : flows) {
            List<InstancePlan.PlannedInstance> planned = plan.instancesOf(flow);
            if (planned.isEmpty()) {
                continue;
            }
            Transport transport = transports.create(flow, plan);
            for (NetworkEdge edge : flow.graph().edges()) {
                if (edge.exactlyOnce() && !transport.exactlyOnce()) {
                    throw new HydroConfigurationException("hydro.transport", "edge '" + edge.name() + "' of flow '"
                            + flow.name() + "' is declared exactly-once, but the configured transport delivers at"
                            + " least once", "Declare the edge without exactlyOnce() (and handle duplicates), or run"
                            + " with hydro.transport=local.");
                }
            }
            transportsByFlow.put(flow.name(), transport);
            TickListener listener = listenerFor(flow);
            for (InstancePlan.PlannedInstance p : planned) {
                LocationInstance instance = new LocationInstance(flow.graph(), p.location(), p.member(),
                        new SpringEnvironment(transport, listener, p.location().name()));
                TickLoop loop = new TickLoop(instance, plan.idleWait(p.location().name()),
                        error -> log.error("Hydro instance {} of flow '{}' stopped: a tick failed", instance.id(),
                                flow.name(), error));
                running.add(new RunningInstance(flow, instance, loop));
            }
        }
        transportsByFlow.values().forEach(Transport::start);
        io.start();
        running.forEach(r -> r.loop().start());
        keepAlive = keepJvmAlive();
        started = true;
        log.info("Hydro started {} instance(s): {}", running.size(), running.stream().map(RunningInstance::id).toList());
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        keepAlive.interrupt();
        io.stop();
        for (RunningInstance instance : running) {
            instance.loop().stop();
        }
        for (Transport transport : transportsByFlow.values()) {
            transport.close();
        }
        scheduler.close();
        running.clear();
        transportsByFlow.clear();
    }

    /**
     * Tick loops and edge consumers run on daemon threads, so an application without a web server would exit
     * right after start-up; like Spring Boot's keep-alive, one non-daemon thread holds the JVM until stop.
     */
    private static Thread keepJvmAlive() {
        Thread thread = new Thread(() -> {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "hydro-keep-alive");
        thread.setDaemon(false);
        thread.start();
        return thread;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1000;
    }

    /** The flows of this application, running here or not. */
    public List<Flow> flows() {
        return flows;
    }

    /** The instances this application runs. */
    public synchronized List<RunningInstance> instances() {
        return List.copyOf(running);
    }

    /** The transports of the flows that run here, by flow name. */
    public synchronized Map<String, Transport> transports() {
        return Map.copyOf(transportsByFlow);
    }

    /** The resolved plan. */
    public InstancePlan plan() {
        return plan;
    }

    private TickListener listenerFor(Flow flow) {
        return TickListener.all(listeners.stream().map(f -> f.create(flow.name())).toList());
    }

    /** The environment of the instances of one flow and location. */
    private final class SpringEnvironment implements Environment {
        private final Transport transport;
        private final TickListener listener;
        private final Map<String, List<Integer>> memberLists = new ConcurrentHashMap<>();
        private final String location;

        SpringEnvironment(Transport transport, TickListener listener, String location) {
            this.transport = transport;
            this.listener = listener;
            this.location = location;
        }

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public Durability durability() {
            return transport instanceof Durability durable ? durable : Durability.NONE;
        }

        @Override
        public List<Integer> members(String name) {
            // asked per element by round-robin and broadcast sends; the plan's sizes are fixed for the run
            return memberLists.computeIfAbsent(name, n -> IntStream.range(0, plan.members(n)).boxed().toList());
        }

        @Override
        public AutoCloseable watchMembers(String cluster, Consumer<MembershipChange> watcher) {
            members(cluster).forEach(m -> watcher.accept(new MembershipChange(m, true)));
            return () -> {
            };
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
            io.bindInput(instance, name, type, queue, listener);
        }

        @Override
        public Consumer<Object> output(InstanceId instance, String name) {
            return io.output(instance, name);
        }

        @Override
        public TickListener listener() {
            return listener;
        }

        @Override
        public int queueCapacity() {
            return plan.queueCapacity(location);
        }

        @Override
        public int maxBatchSize() {
            return plan.maxBatchSize(location);
        }
    }
}
