package dev.hydro.spring.test.echo;

import dev.hydro.location.Cluster;
import dev.hydro.location.ClusterSpec;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Kafka application as a user would write it: a Hydro flow next to a plain Spring Cloud Stream function, a
 * {@code @KafkaListener} and a {@code NewTopic}, with the Kafka binder on the classpath. In production all of
 * them talk to a broker; under {@code @HydroFlowTest} none may.
 *
 * <pre>{@code
 * @HydroFlowTest
 * class EchoFlowTest {
 *     @Autowired HydroFlowDriver driver; // steps the "echo" flow defined here
 * }
 * }</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class EchoApplication {

    /** The leader process. */
    interface Leader {
    }

    /** The worker cluster. */
    interface Worker {
    }

    /** Leader reads lines, round-robins them to two workers that upper-case them and send them back. */
    @Bean
    FlowDefinition echo() {
        return flow -> {
            Process<Leader> leader = flow.process(Leader.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(2), Worker.class);
            leader.sourceStream("lines", String.class)
                    .roundRobinBincode(workers)
                    .map(String::toUpperCase)
                    .sendBincode(leader)
                    .values()
                    .destSink("out");
        };
    }

    /** A plain Spring Cloud Stream function, bound by application.properties. */
    @Bean
    Function<String, String> uppercase() {
        return String::toUpperCase;
    }

    @Bean
    NewTopic auditTopic() {
        return new NewTopic("audit", 1, (short) 1);
    }

    @Bean
    AuditListener auditListener() {
        return new AuditListener();
    }

    /** A {@code @KafkaListener}: its container would poll the broker if it started. */
    static class AuditListener {

        final List<String> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "audit", groupId = "audit")
        void listen(String value) {
            received.add(value);
        }
    }
}
