package dev.hydro.spring.test.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.spring.test.HydroFlowDriver;
import dev.hydro.spring.test.HydroFlowTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A {@code sourceInterval} fires only when the test moves the clock. */
@HydroFlowTest(classes = ClockApplication.class, properties = "hydro.clusters.replica.members=2")
class ClockFlowTest {

    static final String START = "2026-01-01T00:00:";

    @Autowired
    HydroFlowDriver driver;

    @Test
    void timersFireWhenTimeAdvances() {
        driver.runUntilQuiescent();
        assertThat(driver.output("beats")).as("no period has elapsed").isEmpty();

        driver.advanceTime(Duration.ofMillis(2500));
        assertThat(driver.output("beats")).as("fired timers enter the next tick").isEmpty();
        driver.runTick("clock");
        assertThat(driver.edgeRecords("clock-to-replica-broadcast")).as("2 beats to 2 replicas").isEqualTo(4);
        assertThat(driver.output("beats")).as("the replicas have not ticked").isEmpty();

        driver.runTick("replica", 1);
        assertThat(driver.output("beats", String.class)).containsExactly(START + "01Z", START + "02Z");
        assertThat(driver.runUntilQuiescent()).as("replica 0").isEqualTo(1);
        assertThat(driver.output("beats")).hasSize(4);

        driver.advanceTime(Duration.ofMillis(500));
        assertThat(driver.runUntilQuiescent()).as("the clock, then both replicas").isEqualTo(3);
        assertThat(driver.newOutput("beats")).hasSize(6).endsWith(START + "03Z", START + "03Z");

        assertThat(driver.runUntilQuiescent()).as("no time passed: no tick").isZero();
    }

    @Test
    void resetPutsTheClockBack() {
        driver.advanceTime(Duration.ofSeconds(5)).runUntilQuiescent();
        assertThat(driver.output("beats")).hasSize(10);
        driver.reset();
        assertThat(driver.output("beats")).isEmpty();
        driver.advanceTime(Duration.ofSeconds(1)).runUntilQuiescent();
        assertThat(driver.output("beats", String.class)).containsExactly(START + "01Z", START + "01Z");
    }
}
