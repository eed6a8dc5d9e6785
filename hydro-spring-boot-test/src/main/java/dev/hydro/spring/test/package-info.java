/**
 * Test support for Hydro flows in Spring Boot applications: {@link dev.hydro.spring.test.HydroFlowTest}
 * loads the application's {@code FlowDefinition} beans on a stepped in-JVM deployment, without a broker, and
 * {@link dev.hydro.spring.test.HydroFlowDriver} pushes inputs, runs ticks and reads outputs.
 *
 * <pre>{@code
 * @HydroFlowTest
 * class EchoFlowTest {
 *     @Autowired HydroFlowDriver driver;
 *
 *     @Test void echoes() {
 *         driver.push("lines", "hi").runUntilQuiescent();
 *         assertThat(driver.output("out")).containsExactly("HI");
 *     }
 * }
 * }</pre>
 */
package dev.hydro.spring.test;
