package dev.hydro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.Fold;
import dev.hydro.stream.KeyValue;
import dev.hydro.stream.NonDet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordCountTest {

    interface Leader {}

    interface Worker {}

    /** The partial counts a worker sends back: a record, because edges carry concrete types. */
    record PartialCount(String word, long count) {}

    @Test
    void leaderRoundRobinsLinesToWorkersAndFoldsTheirPartialCounts() {
        FlowBuilder flow = new FlowBuilder("word-count");
        Process<Leader> leader = flow.process(Leader.class);
        Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
        NonDet perTick = NonDet.because("partial counts may group words differently per tick");

        var lines = leader.sourceStream("lines", String.class);
        var partials = lines.roundRobinBincode(workers.exactlyOnce())
                .batch(workers.tick(), perTick)
                .flatMap(line -> Arrays.asList(line.split("\\s+")))
                .intoKeyed(word -> word, word -> 1L)
                .fold(Fold.commutative(() -> 0L, Long::sum))
                .entries()
                .map(e -> new PartialCount(e.key(), e.value()))
                .allTicks()
                .sendBincode(leader.exactlyOnce());
        var counts = partials.values()
                .intoKeyed(PartialCount::word, PartialCount::count)
                .fold(Fold.commutative(() -> 0L, Long::sum));
        counts.snapshot(leader.tick(), NonDet.because("the report shows the counts as of each tick"))
                .entries()
                .allTicks()
                .destSink("counts");

        try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
            List<String> corpus = List.of("to be or not to be", "that is the question", "to be is to do");
            corpus.forEach(line -> deployment.push(leader, "lines", line));
            deployment.runUntilQuiescent();

            Map<Object, Object> latest = new HashMap<>();
            for (Object entry : deployment.output("counts")) {
                KeyValue<?, ?> kv = (KeyValue<?, ?>) entry;
                latest.put(kv.key(), kv.value());
            }
            Map<String, Long> expected = new HashMap<>();
            corpus.forEach(line -> Arrays.stream(line.split("\\s+")).forEach(w -> expected.merge(w, 1L, Long::sum)));
            assertThat(latest).isEqualTo(expected);
        }
    }
}
