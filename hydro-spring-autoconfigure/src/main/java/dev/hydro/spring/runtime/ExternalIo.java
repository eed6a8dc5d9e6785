package dev.hydro.spring.runtime;

import dev.hydro.graph.ExternalPort;
import dev.hydro.observe.TickListener;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.SourceQueue;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connects a flow's named inputs ({@code sourceStream(name, type)}) and outputs ({@code destSink(name)}) to
 * the world: Spring Cloud Stream bindings in production, handles in tests.
 *
 * <pre>{@code
 * io.bindInput(new InstanceId("leader", 0), "lines", String.class, queue);
 * io.output(new InstanceId("leader", 0), "trending").accept(top10);
 * }</pre>
 */
public interface ExternalIo {

    /** Checks before anything starts that every input run here can be bound. */
    default void validate(List<ExternalPort> inputsRunHere) {
    }

    /** Feeds {@code queue} with the values arriving on input {@code name} for {@code instance}. */
    void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue);

    /**
     * Binds an input, with the instance's listener to report records that could not be converted to
     * ({@link TickListener#deadLetter}). By default the listener is not used.
     */
    default void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue,
            TickListener listener) {
        bindInput(instance, name, type, queue);
    }

    /** Where values written to output {@code name} by {@code instance} go. */
    Consumer<Object> output(InstanceId instance, String name);

    /** Starts delivering inputs; called after every instance is created. */
    default void start() {
    }

    /** Stops delivering inputs. */
    default void stop() {
    }

    /** An {@code ExternalIo} for applications without Spring Cloud Stream: flows may not use named inputs. */
    static ExternalIo unavailable() {
        return new ExternalIo() {
            @Override
            public void validate(List<ExternalPort> inputsRunHere) {
                if (!inputsRunHere.isEmpty()) {
                    String name = inputsRunHere.get(0).name();
                    throw new HydroConfigurationException("spring.cloud.stream.bindings." + name,
                            "sourceStream(\"" + name + "\") needs Spring Cloud Stream, which is not on the classpath",
                            "Add spring-cloud-stream and a binder (hydro-spring-boot-starter brings the Kafka binder).");
                }
            }

            @Override
            public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
                validate(List.of(new ExternalPort(name, null, type)));
            }

            @Override
            public Consumer<Object> output(InstanceId instance, String name) {
                throw new HydroConfigurationException("spring.cloud.stream.bindings." + name,
                        "destSink(\"" + name + "\") needs Spring Cloud Stream, which is not on the classpath",
                        "Add spring-cloud-stream and a binder (hydro-spring-boot-starter brings the Kafka binder).");
            }
        };
    }
}
