package dev.quorum.analysis.control;

import dev.quorum.platform.control.QuorumMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * What the remote engine's circuit breaker did last, for metrics ({@code quorum_analysis_remote_circuit_open})
 * and health: {@code closed} (calls go through), {@code failing} (the last call failed, the local engine
 * answered) or {@code open} (calls are not even tried for a while).
 */
@ApplicationScoped
public class RemoteCircuit {

    private static final Logger LOG = Logger.getLogger(RemoteCircuit.class.getName());

    public record State(String circuit, Instant since, String lastFailure) {}

    private final AtomicReference<State> state = new AtomicReference<>(new State("closed", Instant.now(), null));

    @Inject
    MetricRegistry registry;

    /** Registered at start-up, so the metric is there before the first job. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(QuorumMetric.ANALYSIS_REMOTE_CIRCUIT_OPEN.metadata(), this, circuit -> circuit.isOpen() ? 1 : 0);
    }

    public State state() {
        return state.get();
    }

    public boolean isOpen() {
        return "open".equals(state.get().circuit());
    }

    void succeeded() {
        State before = state.get();
        if (!"closed".equals(before.circuit())) {
            state.set(new State("closed", Instant.now(), before.lastFailure()));
            LOG.info("The remote analysis engine answers again; the circuit is closed.");
        }
    }

    void failed(Throwable failure, boolean open) {
        State before = state.get();
        String circuit = open ? "open" : "failing";
        if (!circuit.equals(before.circuit())) {
            LOG.warning("The remote analysis engine: circuit " + circuit + " (" + failure.getMessage()
                    + "); the local engine answers meanwhile.");
        }
        String reason =
                open && before.lastFailure() != null ? before.lastFailure() : String.valueOf(failure.getMessage());
        state.set(new State(circuit, circuit.equals(before.circuit()) ? before.since() : Instant.now(), reason));
    }
}
