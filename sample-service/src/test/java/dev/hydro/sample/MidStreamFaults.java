package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.sample.DistributedDeployment.BrokerStop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults injected in the middle of a stream, one after the other on one {@link DistributedDeployment} (a real
 * standalone broker, the leader and two workers as separate JVMs); a subclass picks the processing
 * {@link Guarantee} of every app JVM and registers the deployment.
 *
 * <p>Each step feeds its own batch of {@value #LINES} lines ({@link SeededCorpus}, seed {@value #SEED}) at
 * {@value #LINES_PER_SECOND} lines a second. Once {@code GET /counts} shows some but not all of the batch (a
 * quarter of its words or more), it injects its fault: SIGKILL a worker, SIGKILL the leader, SIGKILL the broker
 * (a crash, the harder case; a graceful broker stop is what every deployment's clean-up does). It brings the
 * victim back (the broker on the same port and data), lets the feed finish, and checks the batch's words in
 * {@code GET /counts} against counts computed here, single-threaded: at least once, every word at least its
 * reference count (nothing missing); exactly once, every word exactly its reference count, stable for a few
 * seconds. Each batch's words start with a tag of its own, so a step checks only its own words: a fault that
 * loses counts fails its own step, not the next ones. Each step's assertion message says what was injected,
 * when, and what was checked.
 *
 * <p>One deployment per guarantee, faults in sequence, keeps the start-up cost (about half a minute of the two
 * cores for a broker and three JVMs) to one per class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MidStreamFaults {

    private static final Logger log = LoggerFactory.getLogger(MidStreamFaults.class);

    private static final long SEED = 7;
    private static final int LINES = 1200;
    private static final int LINES_PER_SECOND = 100;
    /** "Mid-stream": the fault hits once the counts show this share of the batch's words, and not all of them. */
    private static final double MID_STREAM_SHARE = 0.25;
    private static final int KILLED_MEMBER = 1;
    private static final Duration MID_STREAM_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FEED_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(60);
    /** Exactly once: how long the exact counts must hold, so that a late duplicate cannot slip through. */
    private static final Duration EXACT_STABLE = Duration.ofSeconds(5);

    /** The processing guarantee of every app JVM, and what it promises about the counts. */
    enum Guarantee {
        /** The default. */
        AT_LEAST_ONCE("at least once: nothing missing, every word of the batch counted at least as often as in"
                + " the single-threaded reference"),
        /** {@code --hydro.processing.guarantee=exactly-once} on every app JVM. */
        EXACTLY_ONCE("exactly once: every word of the batch counted exactly as often as in the single-threaded"
                + " reference (nothing missing, nothing twice), for " + EXACT_STABLE.toSeconds() + " s in a row",
                "--hydro.processing.guarantee=exactly-once");

        private final String promise;
        private final String[] appArguments;

        Guarantee(String promise, String... appArguments) {
            this.promise = promise;
            this.appArguments = appArguments;
        }

        /** The arguments that select this guarantee on an app JVM. */
        String[] appArguments() {
            return appArguments.clone();
        }
    }

    private final DistributedDeployment deployment;
    private final Guarantee guarantee;

    MidStreamFaults(DistributedDeployment deployment, Guarantee guarantee) {
        this.deployment = deployment;
        this.guarantee = guarantee;
    }

    /**
     * Injects: SIGKILL of worker 1 while the batch streams in, then its restart. Checks: the batch's counts
     * against the reference, as the guarantee promises.
     */
    @Test
    @Order(1)
    @DisplayName("worker 1 SIGKILLed mid-stream and restarted: the counts keep the guarantee")
    void workerKilledMidStream() throws Exception {
        injectMidStream("wrk", "SIGKILL of worker " + KILLED_MEMBER + ", then its restart",
                () -> deployment.killWorker(KILLED_MEMBER), () -> deployment.startWorker(KILLED_MEMBER));
    }

    /**
     * Injects: SIGKILL of the leader, which holds the running totals, while the batch streams in, then its
     * restart. Checks: the batch's counts against the reference, as the guarantee promises; this needs the
     * leader's totals restored from their changelog.
     */
    @Test
    @Order(2)
    @DisplayName("leader SIGKILLed mid-stream and restarted: its totals come back, the counts keep the guarantee")
    void leaderKilledMidStream() throws Exception {
        injectMidStream("ldr", "SIGKILL of the leader, then its restart (its totals must come back from the"
                + " changelog)", deployment::killLeader, deployment::startLeader);
    }

    /**
     * Injects: SIGKILL of the broker while the batch streams in, then its start on the same port and data (it
     * recovers its logs). Checks: the batch's counts against the reference, as the guarantee promises.
     */
    @Test
    @Order(3)
    @DisplayName("broker SIGKILLed mid-stream and started again on its data: the counts keep the guarantee")
    void brokerKilledMidStream() throws Exception {
        injectMidStream("brk", "SIGKILL of the broker, then its start on the same port and data",
                () -> deployment.stopBroker(BrokerStop.KILL), deployment::startBroker);
    }

    private void injectMidStream(String tag, String fault, Action inject, Action recover) throws Exception {
        deployment.ensureRunning();
        List<String> lines = SeededCorpus.lines(tag, SEED, LINES);
        Map<String, Long> reference = WordCounts.of(lines);
        long words = WordCounts.total(reference);
        Predicate<String> batch = word -> word.startsWith(tag);
        String injected;
        try (LineFeed feed = deployment.feed(lines, LINES_PER_SECOND)) {
            long threshold = (long) (words * MID_STREAM_SHARE);
            deployment.awaitCounts("batch '" + tag + "' partly counted, before: " + fault, MID_STREAM_TIMEOUT,
                    counts -> assertThat(WordCounts.total(counts, batch)).isGreaterThanOrEqualTo(threshold));
            long counted = WordCounts.total(deployment.counts(), batch);
            int sent = feed.sent();
            injected = fault + ", injected when GET /counts showed " + counted + " of the " + words
                    + " words of batch '" + tag + "' and " + sent + " of its " + feed.size() + " lines were sent";
            assertThat(counted).as("mid-stream: " + injected).isLessThan(words);
            inject.run();
            log.info("E2E {}: injected {}", guarantee, injected);
            recover.run();
            feed.awaitAllSent(FEED_TIMEOUT);
        }
        String what = guarantee + " after " + injected + "; checked: " + guarantee.promise;
        if (guarantee == Guarantee.EXACTLY_ONCE) {
            deployment.awaitCounts(what, COUNT_TIMEOUT, EXACT_STABLE,
                    counts -> WordCounts.assertEqual(reference, counts, batch),
                    counts -> WordCounts.assertAtMost(reference, counts, batch)); // counts only grow
        } else {
            deployment.awaitCounts(what, COUNT_TIMEOUT, counts -> WordCounts.assertAtLeast(reference, counts));
        }
        log.info("E2E {}: held after {}; {} of {} words counted twice", guarantee, fault,
                WordCounts.total(deployment.counts(), batch) - words, words);
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }
}
