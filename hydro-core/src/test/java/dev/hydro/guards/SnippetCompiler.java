package dev.hydro.guards;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.assertj.core.api.SoftAssertions;

/**
 * Compiles small snippets of flow-building code in-process against the test classpath, to prove what the
 * typed API rejects. A snippet is a method body; it is compiled after a fixed {@link #PRELUDE} that declares
 * the locations and ready-made streams every guard test talks about. A guard is checked as a pair: the
 * violation must fail on its last line, for the stated reason, and the closest legal code must compile:
 *
 * <pre>{@code
 * check(doesNotCompile("unordered.enumerate();", "cannot find symbol"),
 *       compiles("ordered.enumerate();"));
 * }</pre>
 *
 * <p>One {@link JavaCompiler} and one {@link StandardJavaFileManager} serve every test. The snippets of one
 * {@link #check} are compiled in one task, each as its own class, and only parsed and analysed
 * ({@link JavacTask#analyze()}: attribution and flow analysis, where every type error is found); should a class
 * file be written anyway, the file manager discards it in memory. {@code -XDshould-stop.ifError=FLOW} makes
 * javac run flow analysis on every class even when another one has an error, so snippets of one task cannot
 * hide each other's errors. Compilation is serialized because the file manager is not thread-safe.
 */
final class SnippetCompiler {

    /** Declarations every snippet can use; see the class comment. */
    static final String PRELUDE = """
            FlowBuilder flow = new FlowBuilder("guards");
            Process<Leader> leader = flow.process(Leader.class);
            Process<Other> other = flow.process(Other.class);
            Cluster<Worker> workers = flow.cluster(ClusterSpec.ofMembers(3), Worker.class);
            NonDet nd = NonDet.because("test");
            OrderedStream<Integer, Process<Leader>, Unbounded> ordered = leader.sourceIter(List.of(1, 2, 3));
            Stream<Integer, Process<Leader>, Unbounded, NoOrder, ExactlyOnce> unordered = ordered.weakenOrdering();
            Stream<Integer, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce> atLeastOnce = ordered.weakenDelivery();
            OrderedBoundedStream<Integer, Process<Leader>> batch = ordered.batch(leader.tick(), nd);
            KeyedStream<MemberId<Cluster<Worker>>, String, Process<Leader>, Unbounded, TotalOrder, AtLeastOnce>
                    fromWorkers = workers.sourceIter(List.of("a")).sendBincode(leader);
            KeyedStream<Integer, Integer, Process<Leader>, Unbounded, TotalOrder, ExactlyOnce> keyed =
                    ordered.intoKeyed(x -> x, x -> x);
            """;

    private static final String HEADER = """
            package snippets;

            import dev.hydro.location.*;
            import dev.hydro.location.Process;
            import dev.hydro.stream.*;
            import dev.hydro.stream.Optional;
            import java.time.*;
            import java.util.*;
            import java.util.function.*;

            class %s {
                interface Leader {}
                interface Worker {}
                interface Other {}

                void snippet() {
            """;

    private static final String FOOTER = """
                }
            }
            """;

    /** Source line (1-based) of the first line of a snippet body. */
    private static final int FIRST_BODY_LINE = lineCount(HEADER.formatted("X") + PRELUDE) + 1;

    private static final SnippetCompiler SHARED = new SnippetCompiler();

    private final JavaCompiler compiler;
    private final JavaFileManager fileManager;
    private final List<String> options;
    private int compiled;

    private SnippetCompiler() {
        compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: the tests must run on a JDK, not a JRE");
        }
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, Locale.ENGLISH, null);
        fileManager = new DiscardingFileManager(standard);
        options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "-implicit:none",
                "-Xlint:none", "-nowarn", "-Xmaxerrs", "1000", "-XDshould-stop.ifError=FLOW");
    }

    /** The shared compiler. */
    static SnippetCompiler shared() {
        return SHARED;
    }

    /** Expects {@code body} (placed after the {@link #PRELUDE}) to compile without any error. */
    static Expectation compiles(String body) {
        return new Compiles(body);
    }

    /**
     * Expects {@code body} to fail to compile, with every error on its last non-blank line (the violating line:
     * the lines before it must be legal) and at least one error message containing every one of
     * {@code messageFragments}.
     */
    static Expectation doesNotCompile(String body, String... messageFragments) {
        return new DoesNotCompile(body, List.of(messageFragments));
    }

    /** Compiles the snippets of all {@code expectations} in one task and checks every expectation. */
    static void check(Expectation... expectations) {
        List<Result> results = shared().compile(Arrays.stream(expectations).map(Expectation::body).toList());
        SoftAssertions.assertSoftly(softly -> {
            for (int i = 0; i < expectations.length; i++) {
                expectations[i].verify(softly, results.get(i));
            }
        });
    }

    /** Shorthand for {@code check(compiles(body))}. */
    static void assertCompiles(String body) {
        check(compiles(body));
    }

    /** Shorthand for {@code check(doesNotCompile(body, messageFragments))}. */
    static void assertDoesNotCompile(String body, String... messageFragments) {
        check(doesNotCompile(body, messageFragments));
    }

    /** Compiles {@code body} after the prelude and returns its errors. */
    Result compile(String body) {
        return compile(List.of(body)).get(0);
    }

    /** Compiles every body after the prelude, each as its own class, in one task; returns their errors in order. */
    synchronized List<Result> compile(List<String> bodies) {
        Map<URI, Integer> index = new HashMap<>();
        List<JavaFileObject> files = new ArrayList<>();
        for (String body : bodies) {
            String className = "Snippet" + (++compiled);
            String source = HEADER.formatted(className) + PRELUDE + body.stripTrailing() + "\n" + FOOTER;
            JavaFileObject file = new SourceFile("snippets/" + className, source);
            index.put(file.toUri(), files.size());
            files.add(file);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, fileManager, diagnostics, options, null, files);
        try {
            task.analyze();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<CompileError>> errors = new ArrayList<>();
        bodies.forEach(b -> errors.add(new ArrayList<>()));
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            Integer snippet = d.getSource() == null ? null : index.get(d.getSource().toUri());
            if (snippet == null) {
                throw new IllegalStateException("compile error outside any snippet: " + d.getMessage(Locale.ENGLISH));
            }
            errors.get(snippet).add(new CompileError(d.getLineNumber() - FIRST_BODY_LINE + 1,
                    d.getMessage(Locale.ENGLISH)));
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            results.add(new Result(bodies.get(i), List.copyOf(errors.get(i))));
        }
        return results;
    }

    private static int lineCount(String text) {
        return (int) text.lines().count();
    }

    /** What a snippet must do when compiled. */
    sealed interface Expectation permits Compiles, DoesNotCompile {
        /** The snippet. */
        String body();

        /** Records a failed assertion in {@code softly} if {@code result} does not meet the expectation. */
        void verify(SoftAssertions softly, Result result);
    }

    private record Compiles(String body) implements Expectation {
        @Override
        public void verify(SoftAssertions softly, Result result) {
            softly.assertThat(result.errors()).as("errors compiling%n%s", result.describe()).isEmpty();
        }
    }

    private record DoesNotCompile(String body, List<String> fragments) implements Expectation {
        @Override
        public void verify(SoftAssertions softly, Result result) {
            int violatingLine = lineCount(body.stripTrailing());
            softly.assertThat(result.errors()).as("expected an error compiling%n%s", result.describe())
                    .isNotEmpty();
            softly.assertThat(result.errors()).as("every error on line %d of%n%s", violatingLine, result.describe())
                    .allSatisfy(e -> assertThat(e.line()).isEqualTo(violatingLine));
            if (!result.errors().isEmpty()) {
                softly.assertThat(result.errors())
                        .as("an error mentioning %s in%n%s", fragments, result.describe())
                        .anySatisfy(e -> assertThat(e.message()).contains(fragments));
            }
        }
    }

    /**
     * One compile error.
     *
     * @param line the line in the snippet body, counting from 1 (0 or less: in the prelude or header)
     * @param message javac's message, in English
     */
    record CompileError(long line, String message) {
    }

    /**
     * The outcome of compiling one snippet.
     *
     * @param body the snippet
     * @param errors its compile errors
     */
    record Result(String body, List<CompileError> errors) {
        String describe() {
            List<String> lines = body.stripTrailing().lines().toList();
            String numbered = IntStream.range(0, lines.size())
                    .mapToObj(i -> String.format("%3d| %s", i + 1, lines.get(i)))
                    .collect(Collectors.joining("\n"));
            String errs = errors.stream().map(e -> "line " + e.line() + ": " + e.message())
                    .collect(Collectors.joining("\n"));
            return numbered + "\n" + (errors.isEmpty() ? "(no errors)" : errs);
        }
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;

        SourceFile(String binaryName, String source) {
            super(URI.create("string:///" + binaryName + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    /** Reads sources and the classpath through the standard file manager; throws any class file away. */
    private static final class DiscardingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        DiscardingFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }
}
