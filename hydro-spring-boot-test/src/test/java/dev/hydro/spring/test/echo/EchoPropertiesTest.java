package dev.hydro.spring.test.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.spring.test.HydroFlowDriver;
import dev.hydro.spring.test.HydroFlowTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/**
 * Cluster sizes are ordinary properties, set here through {@code @HydroFlowTest(properties)}; a
 * {@code @TestPropertySource} on the class overrides the annotation's own defaults.
 */
@HydroFlowTest(properties = "hydro.clusters.worker.members=3")
@TestPropertySource(properties = "spring.kafka.streams.auto-startup=true")
class EchoPropertiesTest {

    @Autowired
    HydroFlowDriver driver;

    @Autowired
    Environment environment;

    @Test
    void threeWorkersShareTheLines() {
        assertThat(driver.members("worker")).isEqualTo(3);
        driver.pushAll("lines", List.of("a", "b", "c", "d")).runTick("leader");
        driver.runTick("worker", 2).runTick("leader");
        assertThat(driver.output("out")).as("worker 2 got the third line").containsExactly("C");
        assertThat(driver.runUntilQuiescent()).as("workers 0 and 1, then the leader").isEqualTo(3);
        assertThat(driver.output("out", String.class)).containsExactly("C", "A", "D", "B");
    }

    @Test
    void theTestClassOverridesTheAnnotationsDefaults() {
        assertThat(environment.getProperty("spring.kafka.streams.auto-startup")).isEqualTo("true");
        assertThat(environment.getProperty("spring.kafka.listener.auto-startup")).isEqualTo("false");
        assertThat(environment.getProperty("hydro.instance.location")).as("from application.properties")
                .isEqualTo("leader");
        assertThat(environment.getProperty("spring.cloud.function.definition")).isEmpty();
    }
}
