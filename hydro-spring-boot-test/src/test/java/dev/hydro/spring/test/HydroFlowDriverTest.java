package dev.hydro.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver without Spring, with two flows: names are looked up across flows. */
class HydroFlowDriverTest {

    interface Front {}

    interface Shard {}

    interface Counter {}

    /** Reads "events" at a cluster: pushes are spread over its members. */
    static final FlowDefinition SHARDED = flow -> {
        Process<Front> front = flow.process(Front.class);
        Cluster<Shard> shards = flow.cluster(ClusterSpec.ofMembers(3), Shard.class);
        shards.sourceStream("events", Integer.class)
                .map(x -> x * 2)
                .sendBincode(front)
                .entries()
                .map(e -> e.key().raw() + ":" + e.value())
                .destSink("out");
    };

    /** A second flow that also writes "out", and reads "numbers". */
    static final FlowDefinition COUNTER = flow -> {
        Process<Counter> counter = flow.process(Counter.class);
        counter.sourceStream("numbers", Integer.class).map(x -> x + 1).destSink("out");
    };

    private static HydroFlowDriver driver(Map<String, Integer> sizes) {
        Map<String, FlowDefinition> definitions = new LinkedHashMap<>();
        definitions.put("shardedEvents", SHARDED);
        definitions.put("counter", COUNTER);
        return HydroFlowDriver.of(definitions, sizes);
    }

    @Test
    void pushesToAClusterGoToItsMembersInTurn() {
        try (HydroFlowDriver driver = driver(Map.of())) {
            assertThat(driver.flows()).containsExactly("sharded-events", "counter");
            driver.pushAll("events", List.of(1, 2, 3, 4));
            driver.push("events", 2, 10);
            driver.runUntilQuiescent();
            assertThat(driver.flow("sharded-events").output("out", String.class))
                    .containsExactly("0:2", "0:8", "1:4", "2:6", "2:20");
        }
    }

    @Test
    void aNameInSeveralFlowsNeedsAFlow() {
        try (HydroFlowDriver driver = driver(Map.of("shard", 2))) {
            driver.push("numbers", 41).runUntilQuiescent();
            assertThatThrownBy(() -> driver.output("out"))
                    .hasMessageContaining("output 'out' exists in several flows [sharded-events, counter]")
                    .hasMessageContaining("driver.flow(\"sharded-events\")");
            assertThat(driver.flow("counter").output("out")).containsExactly(42);
            assertThat(driver.flow("shardedEvents").members("shard")).isEqualTo(2);
            assertThatThrownBy(driver::graph).hasMessageContaining("needs one flow");
            assertThat(driver.flow("counter").graph().name()).isEqualTo("counter");
        }
    }

    @Test
    void unknownNamesListTheKnownOnesPerFlow() {
        try (HydroFlowDriver driver = driver(Map.of())) {
            assertThatThrownBy(() -> driver.push("event", 1))
                    .hasMessageContaining("no input named 'event'")
                    .hasMessageContaining("flow sharded-events: [events (at shard, Integer)]")
                    .hasMessageContaining("flow counter: [numbers (at counter, Integer)]");
            assertThatThrownBy(() -> driver.push("events", 3, 1))
                    .hasMessageContaining("cluster 'shard' has members 0..2, not 3");
        }
    }

    @Test
    void aRunningDeploymentIsReachableForTheRest() {
        try (HydroFlowDriver driver = driver(Map.of())) {
            HydroFlowDriver counter = driver.flow("counter");
            counter.push("numbers", 1).runTick("counter");
            assertThat(counter.deployment().instance(counter.graph().location("counter"), 0).ticks()).isEqualTo(1);
        }
    }
}
