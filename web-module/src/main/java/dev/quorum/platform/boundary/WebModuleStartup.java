package dev.quorum.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.health.Readiness;

/** Tells the readiness check that the web module has started. */
@WebListener
public class WebModuleStartup implements ServletContextListener {

    @Inject
    @Readiness
    ApplicationStartedHealthCheck started;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        started.markStarted();
    }
}
