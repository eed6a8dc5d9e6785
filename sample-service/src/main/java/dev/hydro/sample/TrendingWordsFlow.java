package dev.hydro.sample;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.location.ProcessSpec;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trending-words dataflow. Reading top to bottom: the leader spreads lines over the workers; each worker
 * counts the words of the lines it got in one tick and sends those partial counts back; the leader adds them
 * into running totals and, every tick, publishes the top ten and refreshes the view the HTTP API reads.
 *
 * <pre>{@code
 * hydro.clusters.workers.members: 3
 * }</pre>
 */
@Configuration(proxyBeanMethods = false)
public class TrendingWordsFlow {

    /** The process that owns the totals. */
    public interface Leader {
    }

    /** The cluster that counts. */
    public interface Worker {
    }

    /**
     * Both edges are at-least-once Kafka topics: after a crash, an instance re-reads what it had not committed.
     * Counting is not idempotent, so the flow says explicitly that it accepts counting those lines again.
     */
    private static final NonDet REDELIVERY = NonDet.because("a crashed instance re-reads the lines or counts it had"
            + " not committed, so a crash may count some lines twice; README documents this");

    @Bean
    FlowDefinition trendingWords(WordCountView view) {
        return flow -> {
            Process<Leader> leader = flow.process(ProcessSpec.named("leader"), Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2).named("workers"), Worker.class);

            var partialCounts = leader.sourceStream("lines", String.class)
                    .roundRobinBincode(workers)
                    .batch(workers.tick(), NonDet.because("which lines share a tick only changes how the counts"
                            + " are split between messages, not their sum"))
                    .assumeExactlyOnce(REDELIVERY)
                    .flatMap(Words::split)
                    .intoKeyed(word -> word, word -> 1L)
                    .fold(Fold.count())
                    .entries()
                    .map(entry -> new WordCount(entry.key(), entry.value()))
                    .allTicks()
                    .sendBincode(leader);

            var totals = partialCounts.values()
                    .assumeExactlyOnce(REDELIVERY)
                    .intoKeyed(WordCount::word, WordCount::count)
                    .fold(Fold.commutative(() -> 0L, Long::sum));

            var now = totals.snapshot(leader.tick(), NonDet.because("trending shows the totals as of each tick"));
            var topWords = now.entries()
                    .map(entry -> new WordCount(entry.key(), entry.value()))
                    .fold(Fold.commutative(TopWords::empty, TopWords::with));
            topWords.intoStream().allTicks().inspect(view::trending).destSink("trending");
            now.entries()
                    .assumeOrdering(NonDet.because("every word appears once per snapshot, so the order of the"
                            + " updates does not matter"))
                    .forEach(entry -> view.put(entry.key(), entry.value()));
        };
    }
}
