package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.runtime.InstanceId;
import dev.hydro.runtime.SourceQueue;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.spring.runtime.ExternalIo;
import dev.hydro.spring.runtime.HydroRuntime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter runs a flow in dev mode (every location in one JVM, local transport). */
class DevModeSmokeTest {

    interface Leader {}

    interface Worker {}

    static final List<Object> OUT = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HydroAutoConfiguration.class))
            .withBean("echo", FlowDefinition.class, () -> flow -> {
                Process<Leader> leader = flow.process(Leader.class);
                Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
                leader.sourceIter(List.of(1, 2, 3, 4, 5, 6))
                        .roundRobinBincode(workers)
                        .map(x -> x * 10)
                        .sendBincode(leader)
                        .values()
                        .destSink("out");
            })
            .withBean(ExternalIo.class, () -> new ExternalIo() {
                @Override
                public void bindInput(InstanceId instance, String name, Class<?> type, SourceQueue queue) {
                }

                @Override
                public Consumer<Object> output(InstanceId instance, String name) {
                    return OUT::add;
                }
            });

    @Test
    void runsEveryLocationInDevMode() {
        OUT.clear();
        runner.withPropertyValues("hydro.instance.all=true", "hydro.transport=local", "hydro.clusters.worker.members=3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HydroRuntime.class).instances()).hasSize(4);
                    await().atMost(Duration.ofSeconds(10)).until(() -> OUT.size() == 6);
                    assertThat(OUT).containsExactlyInAnyOrder(10, 20, 30, 40, 50, 60);
                });
    }
}
