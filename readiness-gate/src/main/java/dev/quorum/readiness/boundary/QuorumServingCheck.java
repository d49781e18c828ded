package dev.quorum.readiness.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN until the Quorum application has registered its serving signal in the platform MBean server. JMX is
 * the one registry that two applications with separate class loaders in one JVM both see.
 */
@Readiness
@ApplicationScoped
public class QuorumServingCheck implements HealthCheck {

    /** Registered by Quorum's web module once every servlet has started; see ServingSignal there. */
    static final String SIGNAL = "dev.quorum:type=ServingSignal";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("quorum-deployed").status(serving()).build();
    }

    private boolean serving() {
        try {
            ObjectName signal = new ObjectName(SIGNAL);
            return server.isRegistered(signal) && Boolean.TRUE.equals(server.getAttribute(signal, "Serving"));
        } catch (JMException notThere) {
            return false;
        }
    }
}
