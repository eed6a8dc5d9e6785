package dev.hydro.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's first run, exactly: {@code java -jar sample-service/target/sample-service.jar} with the default
 * profile (every location in one JVM over the in-process dev broker), then the README's curl requests, made
 * over real HTTP. The only difference is a free port instead of 8080.
 */
class TrendingWordsDevModeIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private Process service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(service.isAlive()).isFalse();
        }
    }

    @Test
    void theReadmeCommandsWorkOnAFreshMachine() throws Exception {
        int port = FreePorts.one();
        Path log = Path.of(System.getProperty("e2e.work-dir", "target/e2e"), "dev-mode.log");
        Files.createDirectories(log.getParent());
        service = new ProcessBuilder("java", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                System.getProperty("e2e.jar", "target/sample-service.jar"), "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(service.isAlive()).as("the service died; see " + log).isTrue();
            return Files.readString(log).contains("Trending words is ready");
        });
        assertThat(Files.readString(log)).contains("Hydro dev mode: in-process Kafka broker at")
                .contains("curl -X POST http://localhost:" + port + "/lines");

        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(uri(port, "/lines"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("to be or not to be")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo("{\"published\":1}");

        await().atMost(Duration.ofSeconds(60)).until(() -> get(port, "/counts/be").get("count").asLong() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/stats").get("words").asLong() == 6);
        assertThat(get(port, "/stats").get("distinct").asLong()).isEqualTo(4);
        long started = System.nanoTime();
        assertThat(get(port, "/stats?atLeast=7&waitMillis=300").get("words").asLong())
                .as("nothing more arrives: it answers after the wait with what is counted").isEqualTo(6);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(get(port, "/stats?atLeast=6&waitMillis=30000").get("words").asLong()).isEqualTo(6);
        JsonNode trending = get(port, "/trending");
        assertThat(trending.get("words").get(0).get("word").asString()).isEqualTo("be");
        assertThat(trending.get("words").get(0).get("count").asLong()).isEqualTo(2);
        JsonNode hydro = get(port, "/actuator/hydro");
        assertThat(hydro.get("flows").get(0).get("instances")).hasSize(3);
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(uri(port, "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("hydro_ticks_total{flow=\"trending-words\",location=\"leader\"")
                .contains("hydro_tick_duration_seconds_count").contains("hydro_edge_records_total");
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
