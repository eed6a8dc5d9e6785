package dev.hydro.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The build generates IDE metadata for every {@code hydro.*} property, with descriptions, defaults and hints. */
class HydroConfigurationMetadataTest {

    private static JsonNode metadata;
    private static final Map<String, JsonNode> properties = new LinkedHashMap<>();

    @BeforeAll
    static void readTheStartersMetadata() throws IOException {
        // every starter jar has one; take the file that describes the hydro group
        for (URL url : Collections.list(HydroConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode candidate = JsonMapper.builder().build().readTree(in);
                for (JsonNode group : candidate.path("groups")) {
                    if (group.path("name").asString().equals("hydro")) {
                        metadata = candidate;
                    }
                }
            }
        }
        assertThat(metadata).as("spring-configuration-metadata.json with the hydro group").isNotNull();
        metadata.path("properties").forEach(p -> properties.put(p.path("name").asString(), p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hydro.instance.location", "hydro.instance.member-id", "hydro.instance.all",
            "hydro.tick.max-batch-size", "hydro.tick.queue-capacity", "hydro.tick.idle-wait", "hydro.transport",
            "hydro.clusters", "hydro.locations", "hydro.kafka.topic-prefix", "hydro.kafka.replication-factor",
            "hydro.kafka.create-topics", "hydro.kafka.poll-timeout", "hydro.runtime.enabled",
            "hydro.processing.guarantee", "hydro.processing.commit-interval"})
    void everyPropertyIsDescribed(String name) {
        assertThat(properties).containsKey(name);
        assertThat(properties.get(name).path("description").asString()).as(name).isNotBlank()
                .doesNotContain("{@").endsWith(".");
        assertThat(properties.get(name).path("sourceType").asString()).startsWith(HydroProperties.class.getName());
    }

    @Test
    void typesAndDefaultsAreRecorded() {
        assertThat(properties.get("hydro.instance.member-id").path("type").asString()).isEqualTo("java.lang.Integer");
        assertThat(properties.get("hydro.instance.all").path("defaultValue").asBoolean()).isFalse();
        assertThat(properties.get("hydro.transport").path("defaultValue").asString()).isEqualTo("kafka");
        assertThat(properties.get("hydro.kafka.topic-prefix").path("defaultValue").asString()).isEqualTo("hydro");
        assertThat(properties.get("hydro.kafka.poll-timeout").path("defaultValue").asString()).isEqualTo("100ms");
        assertThat(properties.get("hydro.runtime.enabled").path("defaultValue").asBoolean()).isTrue();
        assertThat(properties.get("hydro.processing.commit-interval").path("type").asString())
                .isEqualTo("java.time.Duration");
        assertThat(properties.get("hydro.processing.commit-interval").path("defaultValue").asString())
                .isEqualTo("100ms");
    }

    @Test
    void tickDefaultsThatTheInstancePlanAppliesAreDocumented() {
        assertThat(properties.get("hydro.tick.max-batch-size").path("defaultValue").asInt()).isEqualTo(10_000);
        assertThat(properties.get("hydro.tick.queue-capacity").path("defaultValue").asInt()).isEqualTo(10_000);
        assertThat(properties.get("hydro.tick.idle-wait").path("defaultValue").asString()).isEqualTo("100ms");
        assertThat(properties.get("hydro.tick.max-batch-size").path("description").asString()).isNotBlank();
    }

    @Test
    void theTransportOffersKafkaAndLocalWithDescriptions() {
        JsonNode hint = null;
        for (JsonNode candidate : metadata.path("hints")) {
            if (candidate.path("name").asString().equals("hydro.transport")) {
                hint = candidate;
            }
        }
        assertThat(hint).isNotNull();
        assertThat(hint.path("values").valueStream().map(v -> v.path("value").asString()))
                .containsExactly("kafka", "local");
        assertThat(hint.path("values").valueStream().map(v -> v.path("description").asString()))
                .allSatisfy(description -> assertThat(description).isNotBlank());
    }
}
