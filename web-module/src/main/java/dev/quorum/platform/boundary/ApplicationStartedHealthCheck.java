package dev.quorum.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the web module serves requests. Payara answers /health/ready with the application's
 * other checks already UP while the web module is still starting, which would send traffic too early.
 */
@Readiness
@ApplicationScoped
public class ApplicationStartedHealthCheck implements HealthCheck {

    private volatile boolean started;

    void markStarted() {
        started = true;
    }

    /** The web module is stopping: no more traffic. */
    void markStopped() {
        started = false;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application").status(started).build();
    }
}
