package dev.hydro.spring.test.clock;

import dev.hydro.location.Cluster;
import dev.hydro.location.Process;
import dev.hydro.spring.FlowDefinition;
import dev.hydro.stream.NonDet;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A flow driven by time: every second the clock process broadcasts a beat to its replicas, which write it to
 * the output {@code beats}.
 *
 * <pre>{@code
 * driver.advanceTime(Duration.ofSeconds(1)).runUntilQuiescent();
 * driver.output("beats"); // one beat per replica
 * }</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ClockApplication {

    /** The process that owns the timer. */
    interface Clock {
    }

    /** The replicas that receive every beat. */
    interface Replica {
    }

    @Bean
    FlowDefinition heartbeat() {
        return flow -> {
            Process<Clock> clock = flow.process(Clock.class);
            Cluster<Replica> replicas = flow.cluster(Replica.class);
            clock.sourceInterval(Duration.ofSeconds(1), NonDet.because("timers fire when the clock says"))
                    .map(Object::toString)
                    .broadcastBincode(replicas)
                    .destSink("beats");
        };
    }
}
