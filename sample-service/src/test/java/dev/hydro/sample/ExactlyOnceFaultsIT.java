package dev.hydro.sample;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults of {@link MidStreamFaults} (a worker, the leader and the broker, each SIGKILLed in the middle of a
 * stream and brought back) with {@code --hydro.processing.guarantee=exactly-once} on every app JVM:
 * after each, every word of the step's batch must be counted exactly as often as in the single-threaded
 * reference. Files in {@code target/e2e/faults-exactly-once/}.
 */
class ExactlyOnceFaultsIT extends MidStreamFaults {

    @RegisterExtension
    static final DistributedDeployment deployment = DistributedDeployment.of("faults-exactly-once",
            Guarantee.EXACTLY_ONCE.appArguments());

    ExactlyOnceFaultsIT() {
        super(deployment, Guarantee.EXACTLY_ONCE);
    }
}
