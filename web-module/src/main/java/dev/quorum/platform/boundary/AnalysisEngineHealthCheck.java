package dev.quorum.platform.boundary;

import dev.quorum.analysis.control.RemoteCircuit;
import dev.quorum.analysis.control.RemoteEngineSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The remote analysis engine's circuit, for operators. Always UP: when the remote engine fails the local one
 * answers, so Quorum stays ready; the data says whether the circuit is open and why.
 */
@Readiness
@ApplicationScoped
public class AnalysisEngineHealthCheck implements HealthCheck {

    @Inject
    RemoteEngineSettings settings;

    @Inject
    RemoteCircuit circuit;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("analysis-engine").up();
        if (!settings.configured()) {
            return response.withData("remote", "not configured").build();
        }
        RemoteCircuit.State state = circuit.state();
        response.withData("remote", settings.model())
                .withData("circuit", state.circuit())
                .withData("since", state.since().toString());
        if (state.lastFailure() != null) {
            response.withData("lastFailure", state.lastFailure());
        }
        return response.build();
    }
}
