package dev.hydro.sample;

import java.time.Duration;
import java.util.Map;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API: post lines (published to the {@code lines} topic, the same path Kafka producers use), read a
 * word's count, all counts, and the trending words. Counts are served by the leader.
 *
 * <pre>{@code
 * curl -X POST localhost:8080/lines -H 'Content-Type: text/plain' --data-binary @book.txt
 * curl localhost:8080/counts/whale
 * curl localhost:8080/stats
 * curl 'localhost:8080/stats?atLeast=1000&waitMillis=5000'
 * }</pre>
 */
@RestController
public class WordsController {

    private static final long MAX_WAIT_MILLIS = 30_000;

    private final StreamBridge bridge;
    private final WordCountView view;

    public WordsController(StreamBridge bridge, WordCountView view) {
        this.bridge = bridge;
        this.view = view;
    }

    /** Publishes every line of the body to the {@code lines} topic; returns how many. */
    @PostMapping(path = "/lines", consumes = "text/plain")
    public Map<String, Integer> post(@RequestBody String body) {
        int published = 0;
        for (String line : body.split("\\R")) {
            if (!line.isBlank()) {
                bridge.send("lines-publish", line);
                published++;
            }
        }
        return Map.of("published", published);
    }

    /** How often a word has been seen. */
    @GetMapping("/counts/{word}")
    public WordCount count(@PathVariable String word) {
        return new WordCount(word, view.count(word));
    }

    /** Every word with its count. */
    @GetMapping("/counts")
    public Map<String, Long> counts() {
        return view.all();
    }

    /**
     * How many words were counted, all together and distinct: a cheap progress check, unlike {@code /counts}.
     * With {@code atLeast}, the answer waits (up to {@code waitMillis}, at most 30 s) until that many words were
     * counted, so a client waiting for a total makes one request instead of polling.
     */
    @GetMapping("/stats")
    public Map<String, Long> stats(@RequestParam(required = false) Long atLeast,
            @RequestParam(defaultValue = "0") long waitMillis) {
        if (atLeast != null && waitMillis > 0) {
            view.awaitWords(atLeast, Duration.ofMillis(Math.min(waitMillis, MAX_WAIT_MILLIS)));
        }
        return Map.of("words", view.words(), "distinct", (long) view.distinctWords());
    }

    /** The current top ten. */
    @GetMapping("/trending")
    public ResponseEntity<TopWords> trending() {
        return ResponseEntity.ok(view.trending());
    }
}
