package dev.hydro.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link HydroFlowDriver} of a test's application context before every test method, so that
 * every test starts from fresh flows even though Spring caches and shares the context. Registered in
 * {@code META-INF/spring.factories}; it only looks at contexts that are already loaded and have a driver,
 * so other tests are not affected.
 *
 * <pre>{@code
 * @HydroFlowTest
 * class OrderFlowTest {
 *     @Autowired HydroFlowDriver driver;
 *     @Test void first() { driver.push("orders", order); }   // starts from a fresh deployment
 *     @Test void second() { assertThat(driver.output("out")).isEmpty(); } // nothing left from first()
 * }
 * }</pre>
 */
public class HydroFlowDriverResetListener implements TestExecutionListener, Ordered {

    /** Runs after dependency injection and before the test method's {@code @BeforeEach} callbacks. */
    @Override
    public int getOrder() {
        return 5_000;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(HydroFlowDriver.class).ifAvailable(HydroFlowDriver::reset);
    }
}
