package dev.hydro.benchmarks.wordcount.scs;

import dev.hydro.benchmarks.wordcount.Words;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The Spring Cloud Stream side of the end-to-end word count: a functional application on the plain Kafka binder,
 * in its own JVM, with two batch-mode functions.
 *
 * <ul>
 *   <li>{@code split}: {@code lines} → {@code words}. Per polled batch of lines it counts the words
 *       ({@link Words#split}) and emits one {@code "word count"} message per distinct word, keyed by the word, so
 *       that the binder's producer sends all of a word's partial counts to the same partition of {@code words}.
 *       This is the hydro sample's "workers count per tick" step with a poll as the tick.</li>
 *   <li>{@code count}: {@code words} → {@code counts}. It adds a batch's partial counts into running totals and
 *       emits, per distinct word of the batch, its new total (key = word, value = the total as decimal text). A word
 *       lives in one partition of {@code words}, and a partition is read by one consumer thread, so the totals of a
 *       word are updated, and published, in order.</li>
 * </ul>
 *
 * <p>A function returning {@code List<Message<?>>} has each message sent as its own record (Spring Cloud Stream's
 * batch producer). The totals are an in-memory map: they are not restored after a restart and not rolled back
 * when a transaction aborts, so under the binder's transactions (exactly-once: {@code
 * spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix}) outputs and consumed offsets commit
 * atomically, but the state is only as exact as a run without failures; the harness runs none.
 *
 * <pre>{@code
 * java -cp <benchmarks class path> dev.hydro.benchmarks.wordcount.scs.ScsWordCountApplication \
 *      --spring.cloud.stream.kafka.binder.brokers=127.0.0.1:19092 \
 *      --spring.cloud.stream.bindings.split-in-0.destination=lines ...
 * }</pre>
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ScsWordCountApplication {

    /** Running totals by word, shared by the consumer threads of {@code count} (each owns its words). */
    private final Map<String, Long> totals = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ScsWordCountApplication.class);
        application.setDefaultProperties(Map.of(
                "spring.main.web-application-type", "none",
                "spring.cloud.function.definition", "split;count",
                "spring.cloud.stream.bindings.split-in-0.consumer.batch-mode", "true",
                "spring.cloud.stream.bindings.count-in-0.consumer.batch-mode", "true",
                "spring.cloud.stream.bindings.split-out-0.content-type", "text/plain",
                "spring.cloud.stream.bindings.count-out-0.content-type", "text/plain",
                "logging.level.org.apache.kafka", "WARN"));
        application.run(args);
    }

    /** Per batch of lines: one {@code "word count"} message per distinct word, keyed by the word. */
    @Bean
    public Function<List<String>, List<Message<String>>> split() {
        return lines -> {
            Map<String, Long> partial = new HashMap<>();
            for (String line : lines) {
                for (String word : Words.split(line)) {
                    partial.merge(word, 1L, Long::sum);
                }
            }
            List<Message<String>> out = new ArrayList<>(partial.size());
            partial.forEach((word, n) -> out.add(keyed(word, word + ' ' + n)));
            return out;
        };
    }

    /** Per batch of partial counts: the new total of every word in it, keyed by the word. */
    @Bean
    public Function<List<String>, List<Message<String>>> count() {
        return partials -> {
            Map<String, Long> batch = new HashMap<>();
            for (String partial : partials) {
                int space = partial.lastIndexOf(' ');
                batch.merge(partial.substring(0, space), Long.parseLong(partial.substring(space + 1)), Long::sum);
            }
            List<Message<String>> out = new ArrayList<>(batch.size());
            batch.forEach((word, n) -> out.add(keyed(word, String.valueOf(totals.merge(word, n, Long::sum)))));
            return out;
        };
    }

    private static Message<String> keyed(String word, String payload) {
        return MessageBuilder.withPayload(payload).setHeader(KafkaHeaders.KEY, word.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
