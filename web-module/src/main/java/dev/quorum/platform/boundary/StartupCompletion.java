package dev.quorum.platform.boundary;

import dev.quorum.platform.control.ServingSignal;
import jakarta.inject.Inject;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Serves nothing: web.xml loads it on start-up after every other servlet (JAX-RS included), so its start
 * is the moment Quorum answers requests. Only then does readiness turn UP — Quorum's own check, and the
 * readiness gate that keeps Payara's /health/ready DOWN while Quorum is not deployed.
 */
public class StartupCompletion extends GenericServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @Readiness
    transient ApplicationStartedHealthCheck started;

    @Override
    public void init() {
        started.markStarted();
        ServingSignal.raise();
    }

    @Override
    public void destroy() {
        started.markStopped();
        ServingSignal.lower();
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) {
        throw new UnsupportedOperationException("not mapped to any path");
    }
}
