package dev.hydro.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydro.deploy.LocalDeployment;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import java.util.List;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;

/** {@code sourceStream} accepts a Reactive Streams {@link Publisher} as well as a {@code Flow.Publisher}. */
class ReactiveStreamsSourceTest {

    interface Reader {
    }

    @Test
    void aReactiveStreamsPublisherFeedsTheNextTicks() {
        FlowBuilder flow = new FlowBuilder("rs");
        Process<Reader> reader = flow.process(Reader.class);
        try (SubmissionPublisher<String> submissions = new SubmissionPublisher<>(Runnable::run, 16)) {
            Publisher<String> publisher = FlowAdapters.toPublisher(submissions);
            reader.sourceStream(publisher).map(String::length).destSink("lengths");
            try (LocalDeployment deployment = LocalDeployment.stepped(flow.build())) {
                submissions.submit("hydro");
                submissions.submit("on");
                deployment.runUntilQuiescent();
                assertThat(deployment.output("lengths")).containsExactly(5, 2);
            }
        }
    }
}
