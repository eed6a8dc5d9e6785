package dev.hydro.spring.kafka;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.stream.Fold;
import dev.hydro.stream.NonDet;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The exactly-once tests' application: the leader round-robins numbers to two workers, which square them and
 * send the squares back on an exactly-once edge; the leader publishes every square and, after every tick, the
 * running total of all squares (state kept across ticks, so it must survive restarts). A worker that receives
 * {@link #POISON} sends its square and then fails in the same tick, so that tick must leave no trace.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ExactlyOnceApp {

    /** The number whose tick fails after it sent its square. */
    public static final long POISON = 13;

    /** The leader's tag. */
    public interface Leader {
    }

    /** The workers' tag. */
    public interface Worker {
    }

    @Bean
    FlowDefinition totals() {
        return flow -> {
            Process<Leader> leader = flow.process(Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
            var squares = leader.sourceStream("numbers", Long.class)
                    .roundRobinBincode(workers.exactlyOnce())
                    .flatMap(n -> n == POISON ? List.of(n, -n) : List.of(n))
                    .map(n -> {
                        if (n < 0) {
                            throw new IllegalStateException("poison " + -n + ": this tick fails after sending");
                        }
                        return n * n;
                    })
                    .sendBincode(leader.exactlyOnce())
                    .values();
            squares.destSink("squares");
            squares.fold(Fold.commutative(() -> 0L, Long::sum))
                    .snapshot(leader.tick(), NonDet.because("publishes the total as of each tick"))
                    .intoStream().allTicks()
                    .destSink("totals");
        };
    }
}
