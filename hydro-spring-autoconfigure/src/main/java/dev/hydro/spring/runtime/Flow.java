package dev.hydro.spring.runtime;

import dev.hydro.graph.FlowGraph;

/**
 * One built flow: the bean it came from and its graph.
 *
 * <pre>{@code
 * Flow flow = new Flow("wordCount", graph); // graph.name() is "word-count"
 * }</pre>
 *
 * @param beanName the {@code FlowDefinition} bean's name
 * @param graph the validated graph
 */
public record Flow(String beanName, FlowGraph graph) {

    /** The flow's name (the bean name in kebab case). */
    public String name() {
        return graph.name();
    }

    /** {@code wordCount} becomes {@code word-count}. */
    public static String flowName(String beanName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < beanName.length(); i++) {
            char c = beanName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '.') {
                out.append(c);
            } else {
                out.append('-');
            }
        }
        return out.toString();
    }
}
