package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.spring.test.HydroFlowDriver;
import dev.hydro.spring.test.HydroFlowTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trending-words flow, stepped tick by tick with no broker: what each location does in its own tick,
 * and the totals and top ten once everything has run.
 */
@HydroFlowTest(properties = "hydro.clusters.workers.members=2")
class TrendingWordsFlowTest {

    @Autowired
    HydroFlowDriver driver;

    @Autowired
    WordCountView view;

    @Test
    void workersCountTheirLinesAndTheLeaderPublishesTheTopTenEveryTick() {
        driver.push("lines", "to be or not to be").push("lines", "that is the question");

        driver.runTick("leader");
        assertThat(driver.edgeRecords("leader-to-workers-round-robin")).as("one line to each worker").isEqualTo(2);
        assertThat(driver.output("trending")).as("the leader has no counts yet").hasSize(1)
                .first().isEqualTo(TopWords.empty());

        driver.runTick("workers", 0);
        assertThat(driver.edgeRecords("workers-to-leader")).as("worker 0 sends one count per distinct word")
                .isEqualTo(4);
        driver.runTick("leader");
        assertThat(view.count("to")).isEqualTo(2);
        assertThat(view.count("question")).as("worker 1 has not ticked yet").isZero();

        driver.runUntilQuiescent();
        assertThat(view.count("be")).isEqualTo(2);
        assertThat(view.count("question")).isEqualTo(1);
        TopWords top = driver.output("trending", TopWords.class).get(driver.output("trending").size() - 1);
        assertThat(top.words()).startsWith(new WordCount("be", 2), new WordCount("to", 2))
                .hasSize(8);
    }

    @Test
    void aWordsTotalAddsUpAcrossTicksAndWorkers() {
        List<String> lines = List.of("hydro flows", "hydro ticks", "spring hydro", "hydro");
        driver.pushAll("lines", lines);
        driver.runUntilQuiescent();
        driver.pushAll("lines", lines);
        driver.runUntilQuiescent();

        assertThat(view.count("hydro")).isEqualTo(8);
        assertThat(view.trending().words().get(0)).isEqualTo(new WordCount("hydro", 8));
    }
}
