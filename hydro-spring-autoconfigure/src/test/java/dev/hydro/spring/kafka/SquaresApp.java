package dev.hydro.spring.kafka;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A small distributed application for the Kafka tests: the leader reads numbers from a Spring Cloud Stream
 * input, round-robins them as {@link Job}s to a worker cluster, the workers square them and send
 * {@link Squared} records back, and the leader writes what it received, with the sender's member id, to an
 * output binding.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SquaresApp {

    /** The leader's tag. */
    public interface Leader {
    }

    /** The workers' tag. */
    public interface Worker {
    }

    /** Work sent to a worker. */
    public record Job(long n) {
    }

    /** A worker's answer. */
    public record Squared(long n, long square) {
    }

    /** What the leader publishes: the answer and who computed it. */
    public record Result(long n, long square, int worker) {
    }

    @Bean
    FlowDefinition squares() {
        return flow -> {
            Process<Leader> leader = flow.process(Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
            leader.sourceStream("numbers", Long.class)
                    .map(Job::new)
                    .roundRobinBincode(workers)
                    .map(job -> new Squared(job.n(), job.n() * job.n()))
                    .sendBincode(leader)
                    .entries()
                    .map(e -> new Result(e.value().n(), e.value().square(), e.key().raw()))
                    .destSink("results");
        };
    }
}
