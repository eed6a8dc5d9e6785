package dev.hydro.benchmarks.wordcount;

import java.nio.file.Path;
import java.util.List;

/**
 * What every system of one harness run is launched with.
 *
 * @param bootstrap the broker, {@code host:port}
 * @param workDir where the JVMs run and log ({@code <name>.log}) and keep state
 * @param classpath this module's runtime class path, for the Kafka Streams and Spring Cloud Stream JVMs
 * @param jvmOptions options of every launched JVM (heap)
 * @param sampleJar the sample service's repackaged jar (hydro)
 * @param configDir the repository's {@code config/} (hydro's leader/worker profiles, the broker scripts)
 * @param runId unique per harness run; prefixes every topic, group and transactional id
 * @param parallelism partitions and consumer threads of Kafka Streams and Spring Cloud Stream
 */
record LaunchSettings(String bootstrap, Path workDir, String classpath, List<String> jvmOptions, Path sampleJar,
        Path configDir, String runId, int parallelism) {

    LaunchSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
