package dev.hydro.spring.autoconfigure;

import dev.hydro.spring.runtime.HydroConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link HydroConfigurationException} into Spring Boot's start-up failure report: what is wrong with
 * which property, and what to do.
 *
 * <pre>{@code
 * ***************************
 * APPLICATION FAILED TO START
 * ***************************
 * Description:
 * Invalid Hydro configuration in 'hydro.instance.location': no flow has a location named 'wrkers' ...
 * }</pre>
 */
class HydroConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<HydroConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HydroConfigurationException cause) {
        return new FailureAnalysis("Invalid Hydro configuration in '" + cause.property() + "': "
                + cause.getMessage().substring(cause.property().length() + 2), cause.action(), cause);
    }
}
