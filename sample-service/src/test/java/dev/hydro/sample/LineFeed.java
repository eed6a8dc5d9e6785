package dev.hydro.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Lines produced to a topic in the background at a steady rate, the way a live source sends them, so that a
 * fault can hit a deployment that is in the middle of a stream: some lines counted, some in flight, some not
 * yet sent. Closing it stops the feed (the producer belongs to the caller).
 *
 * <pre>{@code
 * try (LineFeed feed = new LineFeed(producer, "lines", lines, 100)) {
 *     // inject a fault while feed.sent() < lines.size() ...
 *     feed.awaitAllSent(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
final class LineFeed implements AutoCloseable {

    private static final long PERIOD_MS = 50;

    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final List<String> lines;
    private final int linesPerPeriod;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<Void> allSent = new CompletableFuture<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private volatile int sent;

    LineFeed(KafkaProducer<String, String> producer, String topic, List<String> lines, int linesPerSecond) {
        this.producer = producer;
        this.topic = topic;
        this.lines = List.copyOf(lines);
        this.linesPerPeriod = Math.max(1, (int) (linesPerSecond * PERIOD_MS / 1000));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "line-feed-" + topic));
        timer.scheduleAtFixedRate(this::sendSome, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** How many lines have been handed to the producer so far. */
    int sent() {
        return sent;
    }

    /** The number of lines this feed sends in all. */
    int size() {
        return lines.size();
    }

    /** Waits until every line is sent and acknowledged by the broker; fails if a send failed. */
    void awaitAllSent(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        allSent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void sendSome() {
        try {
            int from = sent;
            int to = Math.min(lines.size(), from + linesPerPeriod);
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, lines.get(i)), (metadata, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
            }
            sent = to;
            if (to == lines.size()) {
                producer.flush();
                Exception failure = sendFailure.get();
                if (failure != null) {
                    throw new IllegalStateException("producing to " + topic + " failed", failure);
                }
                allSent.complete(null);
                timer.shutdown(); // ends this periodic task
            }
        } catch (RuntimeException e) {
            allSent.completeExceptionally(e);
            timer.shutdown();
        }
    }
}
