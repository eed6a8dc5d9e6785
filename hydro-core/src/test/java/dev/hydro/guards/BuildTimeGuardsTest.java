package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.assertCompiles;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydro.location.ClusterSpec;
import dev.hydro.location.FlowBuilder;
import dev.hydro.location.Process;
import dev.hydro.stream.NonDet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guards that the type system cannot express and that therefore hold while the flow is built, not when
 * it compiles: a {@link NonDet} needs a real reason, every location needs its own tag type, and collections
 * of two flows (whose types can coincide) cannot be combined, sent between or batched by each other's ticks.
 */
class BuildTimeGuardsTest {

    interface Leader {}

    interface Worker {}

    @Test
    void aNonDetWithABlankReasonCompilesButIsRejectedWhenCreated() {
        assertCompiles("NonDet blank = NonDet.because(\"\");");

        assertThatThrownBy(() -> NonDet.because(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NonDet needs a reason");
        assertThatThrownBy(() -> NonDet.because("   "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NonDet needs a reason");
        assertThatThrownBy(() -> NonDet.because(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void twoProcessesSharingATagAreRejected() {
        FlowBuilder flow = new FlowBuilder("guards");
        flow.process(Leader.class);

        assertThatThrownBy(() -> flow.process(Leader.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Leader.class.getName())
                .hasMessageContaining("give each location its own tag type");
    }

    @Test
    void aProcessAndAClusterSharingATagAreRejected() {
        FlowBuilder flow = new FlowBuilder("guards");
        flow.process(Worker.class);

        assertThatThrownBy(() -> flow.cluster(ClusterSpec.ofMembers(2), Worker.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Worker.class.getName())
                .hasMessageContaining("give each location its own tag type");
    }

    @Test
    void streamsOfTwoFlowsWithTheSameLocationTypeCannotBeCombined() {
        Process<Leader> first = new FlowBuilder("first").process(Leader.class);
        Process<Leader> second = new FlowBuilder("second").process(Leader.class);
        var mine = first.sourceIter(List.of(1));
        var theirs = second.sourceIter(List.of(2));

        assertThatThrownBy(() -> mine.interleave(theirs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs both inputs at one location");
    }

    @Test
    void aStreamCannotBeBatchedByTheTickOfAnotherFlowsLocation() {
        Process<Leader> first = new FlowBuilder("first").process(Leader.class);
        Process<Leader> second = new FlowBuilder("second").process(Leader.class);

        assertThatThrownBy(() -> first.sourceIter(List.of(1)).batch(second.tick(), NonDet.because("test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the tick belongs to");
    }

    @Test
    void aStreamCannotBeSentToALocationOfAnotherFlow() {
        Process<Leader> first = new FlowBuilder("first").process(Leader.class);
        Process<Leader> second = new FlowBuilder("second").process(Leader.class);

        assertThatThrownBy(() -> first.sourceIter(List.of(1)).sendBincode(second))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to another flow");
    }
}
