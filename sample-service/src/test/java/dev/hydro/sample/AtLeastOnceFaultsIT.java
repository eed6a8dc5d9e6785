package dev.hydro.sample;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults of {@link MidStreamFaults} (a worker, the leader and the broker, each SIGKILLed in the middle of a
 * stream and brought back) with the default processing guarantee, at least once: after each, every
 * word of the step's batch must be counted at least as often as in the single-threaded reference. Files in
 * {@code target/e2e/faults-at-least-once/}.
 */
class AtLeastOnceFaultsIT extends MidStreamFaults {

    @RegisterExtension
    static final DistributedDeployment deployment = DistributedDeployment.of("faults-at-least-once",
            Guarantee.AT_LEAST_ONCE.appArguments());

    AtLeastOnceFaultsIT() {
        super(deployment, Guarantee.AT_LEAST_ONCE);
    }
}
