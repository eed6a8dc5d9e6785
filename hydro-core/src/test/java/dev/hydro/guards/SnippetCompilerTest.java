package dev.hydro.guards;

import static dev.hydro.guards.SnippetCompiler.check;
import static dev.hydro.guards.SnippetCompiler.compiles;
import static dev.hydro.guards.SnippetCompiler.doesNotCompile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the harness the guard tests rely on: the prelude of locations and streams is itself legal, an error
 * is attributed to the snippet and line that cause it, and snippets compiled together cannot hide each other's
 * errors, so a failing snippet proves only what it claims.
 */
class SnippetCompilerTest {

    @Test
    void thePreludeCompilesWithTheDeclaredStreamTypes() {
        check(compiles(""));
    }

    @Test
    void anErrorIsReportedOnTheSnippetLineThatCausesIt() {
        SnippetCompiler.Result result = SnippetCompiler.shared().compile("""
                int fine = 1;
                int broken = "text";
                int alsoFine = 2;
                """);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.message()).contains("incompatible types");
        });
    }

    @Test
    void snippetsCompiledTogetherKeepTheirOwnErrorsIncludingFlowAnalysisOnes() {
        List<SnippetCompiler.Result> results = SnippetCompiler.shared().compile(List.of(
                "unordered.enumerate();",
                "ordered.enumerate();",
                "int x = 1;\nx = 2;\nRunnable r = () -> System.out.println(x);",
                "int unset;\nSystem.out.println(unset);"));

        assertThat(results.get(0).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("cannot find symbol"));
        assertThat(results.get(1).errors()).isEmpty();
        assertThat(results.get(2).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("effectively final"));
        assertThat(results.get(3).errors()).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aSnippetIsNotAProofIfItFailsBeforeItsLastLine() {
        assertThatThrownBy(() -> check(doesNotCompile("""
                int broken = "text";
                unordered.enumerate();
                """, "cannot find symbol")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("every error on line 2");
    }

    @Test
    void aSnippetIsNotAProofIfItFailsForAnotherReason() {
        assertThatThrownBy(() -> check(doesNotCompile("int broken = \"text\";", "cannot find symbol")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("an error mentioning [cannot find symbol]");
    }

    @Test
    void aLegalSnippetIsNotAProofOfAGuard() {
        assertThatThrownBy(() -> check(doesNotCompile("ordered.enumerate();", "cannot find symbol")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected an error");
    }

    @Test
    void anIllegalSnippetFailsACompilesExpectation() {
        assertThatThrownBy(() -> check(compiles("unordered.enumerate();")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("errors compiling");
    }
}
