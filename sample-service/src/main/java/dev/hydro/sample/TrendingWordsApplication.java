package dev.hydro.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Trending words: text lines arrive on the Kafka topic {@code lines} (or {@code POST /lines}); a leader
 * round-robins them to a cluster of workers that count words per tick; the leader folds the partial counts
 * into global counts and publishes the top 10 to the topic {@code trending} every tick.
 *
 * <pre>{@code
 * java -jar sample-service/target/sample-service.jar
 * curl -X POST localhost:8080/lines -H 'Content-Type: text/plain' --data 'to be or not to be'
 * curl localhost:8080/trending
 * }</pre>
 */
@SpringBootApplication
public class TrendingWordsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrendingWordsApplication.class, args);
    }
}
