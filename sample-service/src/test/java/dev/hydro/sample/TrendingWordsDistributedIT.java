package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End to end, the way it is deployed ({@link DistributedDeployment}: a real standalone broker, the leader and two
 * workers as separate JVMs; files in {@code target/e2e/distributed/}).
 *
 * <p>The test produces the first half of a corpus to the {@code lines} topic and waits until {@code GET /counts}
 * equals the counts computed here, single-threaded, with {@link Words#split}. It then waits until the whole
 * deployment is quiet (every record of every edge topic and of the {@code lines} topic is committed by its
 * consumer), SIGKILLs worker 1, produces the second half, restarts worker 1, and waits until {@code GET /counts}
 * equals the counts of the whole corpus.
 *
 * <p>Delivery is at least once: a worker killed between sending its partial counts and committing what it read
 * counts those lines again after its restart. The test kills at a quiet moment, so nothing is in flight and it
 * requires the exact counts. Only if the deployment did not become quiet does it accept, instead, counts where
 * every word is at least its expected count and the surplus is at most the words of the lines that were in
 * flight, bounded as (records uncommitted on the killed worker's partition when it was killed) x (the most words
 * on one line of the corpus). It logs which of the two held: {@code E2E result: EXACT} or
 * {@code E2E result: AT-LEAST-ONCE BOUND}. Kills in the middle of a stream are the subject of
 * {@link AtLeastOnceFaultsIT} and {@link ExactlyOnceFaultsIT}.
 *
 * <p><b>Corpus</b>: {@code src/test/resources/corpus/alice-chapters-1-7.txt}, chapters I to VII of Lewis
 * Carroll's <i>Alice's Adventures in Wonderland</i> (1865, public domain), laid out like the Project Gutenberg
 * eBook #11 (about 70 characters a line, a blank line between paragraphs): 1,894 lines, of which 1,461 are
 * not blank (15,794 words by {@link Words#split}, 1,978 distinct). It was written from memory, not downloaded,
 * so it may differ from the Gutenberg text in small details; the test does not depend on that, since its
 * expectations are computed from the file itself. Blank lines are not sent.
 *
 * <p>Run by maven-failsafe-plugin in {@code integration-test}/{@code verify} ({@code mvn -B verify}), after
 * {@code package}; {@code -DskipITs} or {@code -DskipTests} skip it. It needs bash, {@code mvn} (the broker
 * script resolves the broker's classpath from Maven Central once) and about 1 GB of memory.
 */
class TrendingWordsDistributedIT {

    private static final Logger log = LoggerFactory.getLogger(TrendingWordsDistributedIT.class);

    private static final int KILLED_MEMBER = 1;
    private static final String CORPUS = "/corpus/alice-chapters-1-7.txt";
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXACT_GRACE = Duration.ofSeconds(15);

    @RegisterExtension
    static final DistributedDeployment deployment = DistributedDeployment.of("distributed");

    @Test
    void countsTheCorpusAcrossSeparateJvmsAndSurvivesAKilledWorker() throws Exception {
        List<String> corpus = corpus();
        int half = corpus.size() / 2;
        List<String> first = corpus.subList(0, half);
        Map<String, Long> expectedFirst = WordCounts.of(first);
        Map<String, Long> expectedAll = WordCounts.of(corpus);
        log.info("E2E corpus: {} lines, {} words, {} distinct; first half {} lines", corpus.size(),
                WordCounts.total(expectedAll), expectedAll.size(), first.size());

        // 1. The first half, with every instance up: the leader's counts must be exact.
        deployment.produce(first);
        deployment.awaitCounts("first half counted", COUNT_TIMEOUT,
                counts -> WordCounts.assertEqual(expectedFirst, counts, word -> true));
        log.info("E2E first half counted exactly after {}", deployment.elapsed());

        // 2. Kill a worker at a quiet moment: nothing uncommitted anywhere, so no line can count twice.
        boolean quiet = deployment.awaitQuiet(QUIET_TIMEOUT);
        long inFlightLines = deployment.uncommittedOnWorker(KILLED_MEMBER);
        int maxWordsPerLine = corpus.stream().mapToInt(l -> Words.split(l).size()).max().orElse(0);
        long surplusBound = inFlightLines * maxWordsPerLine;
        log.info("E2E before the kill: quiet={}, uncommitted lines on worker {}: {} (surplus bound {} words)",
                quiet, KILLED_MEMBER, inFlightLines, surplusBound);
        deployment.killWorker(KILLED_MEMBER);

        // 3. The second half while the worker is down: its share waits in its partition of the edge topic.
        deployment.produce(corpus.subList(half, corpus.size()));
        long backlog = deployment.awaitBacklogOnWorker(KILLED_MEMBER, COUNT_TIMEOUT);
        log.info("E2E {}+ lines wait in worker {}'s partition while it is down; GET /counts has {} of {} words",
                backlog, KILLED_MEMBER, WordCounts.total(deployment.counts()), WordCounts.total(expectedAll));
        deployment.startWorker(KILLED_MEMBER);

        // 4. Every line counted at least once...
        deployment.awaitCounts("whole corpus counted at least once", COUNT_TIMEOUT,
                counts -> WordCounts.assertAtLeast(expectedAll, counts));
        // ...and exactly once, preferably (short grace: the counts come from the leader's latest snapshot).
        boolean exact;
        try {
            deployment.awaitCounts("whole corpus counted exactly", EXACT_GRACE,
                    counts -> WordCounts.assertEqual(expectedAll, counts, word -> true));
            exact = true;
        } catch (ConditionTimeoutException e) {
            exact = false;
        }
        if (exact) {
            log.info("E2E result: EXACT. GET /counts equals the expected counts of the whole corpus"
                    + " ({} words, {} distinct) after {}", WordCounts.total(expectedAll), expectedAll.size(),
                    deployment.elapsed());
        } else {
            Map<String, Long> finalCounts = deployment.counts();
            long surplus = WordCounts.total(finalCounts) - WordCounts.total(expectedAll);
            log.warn("E2E result: AT-LEAST-ONCE BOUND. {} words counted twice (bound {})", surplus, surplusBound);
            assertThat(quiet).as("the worker was killed at a quiet moment (nothing in flight), so the counts must be"
                    + " exact, but " + surplus + " words were counted twice").isFalse();
            WordCounts.assertAtLeast(expectedAll, finalCounts);
            assertThat(surplus).as("surplus over the expected word total").isLessThanOrEqualTo(surplusBound);
        }
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = TrendingWordsDistributedIT.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
