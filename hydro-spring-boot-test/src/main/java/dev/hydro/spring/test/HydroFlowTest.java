package dev.hydro.spring.test;

import dev.hydro.spring.autoconfigure.HydroAutoConfiguration;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A Spring Boot test of the application's flows without a broker: the context starts with every
 * {@code FlowDefinition} bean built but no tick loop running ({@code hydro.runtime.enabled=false}), every
 * location planned in this JVM ({@code hydro.instance.all=true}, {@code hydro.transport=local}), and a
 * {@link HydroFlowDriver} bean that steps the flows on a {@code LocalDeployment}. The driver is reset before
 * every test method.
 *
 * <p>Nothing reaches for Kafka: with the runtime off, no Spring Cloud Stream binding is created for the
 * flows' inputs and outputs, and these properties keep the rest of a Kafka application quiet as well:
 * <ul>
 *   <li>{@code spring.cloud.stream.function.autodetect=false} and an empty
 *       {@code spring.cloud.function.definition}: plain Spring Cloud Stream functions of the application are
 *       not bound (binding them would make the Kafka binder provision topics);</li>
 *   <li>{@code spring.kafka.listener.auto-startup=false}, {@code spring.kafka.streams.auto-startup=false}:
 *       {@code @KafkaListener} containers and Kafka Streams do not start;</li>
 *   <li>{@code spring.kafka.admin.auto-create=false}: {@code NewTopic} beans are not created on a broker.</li>
 * </ul>
 * Beans such as {@code KafkaTemplate} still exist, so the application's wiring is tested as is.
 *
 * <p>Cluster sizes are ordinary properties ({@code hydro.clusters.<name>.members}), from the application's
 * configuration or from {@link #properties()}. The defaults above are a meta-present
 * {@code @TestPropertySource}: a {@code @TestPropertySource} on the test class overrides them.
 *
 * <pre>{@code
 * @HydroFlowTest(properties = "hydro.clusters.worker.members=2")
 * class EchoFlowTest {
 *     @Autowired HydroFlowDriver driver;
 *
 *     @Test
 *     void workersShout() {
 *         driver.push("lines", "hello");
 *         driver.runUntilQuiescent();
 *         assertThat(driver.output("out", String.class)).containsExactly("HELLO");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = {
        "hydro.runtime.enabled=false",
        "hydro.instance.all=true",
        "hydro.transport=local",
        "spring.cloud.stream.function.autodetect=false",
        "spring.cloud.function.definition=",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.streams.auto-startup=false",
        "spring.kafka.admin.auto-create=false"})
@ImportAutoConfiguration({HydroAutoConfiguration.class, HydroTestAutoConfiguration.class})
public @interface HydroFlowTest {

    /**
     * Extra properties ({@code key=value}) for this test, such as {@code hydro.clusters.worker.members=3}, as
     * with {@code @SpringBootTest(properties = ...)}: they take precedence over the application's
     * configuration. To change one of this annotation's own defaults, declare
     * {@code @TestPropertySource(properties = ...)} on the test class instead.
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /**
     * The configuration classes to load; by default the application's {@code @SpringBootConfiguration}, found
     * in the test's package or above, as with {@code @SpringBootTest}.
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
    Class<?>[] classes() default {};
}
