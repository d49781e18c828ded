package dev.quorum.platform.control;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Tells the readiness gate, an application of its own deployed before everything else, that Quorum serves
 * requests: Payara's /health/ready otherwise answers UP as soon as any application (the resource adapter)
 * has started. The platform MBean server is the one registry both class loaders see.
 */
public final class ServingSignal implements ServingSignalMBean {

    private static final Logger LOG = Logger.getLogger(ServingSignal.class.getName());
    private static final String NAME = "dev.quorum:type=ServingSignal";

    private static final ServingSignal INSTANCE = new ServingSignal();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private ServingSignal() {}

    @Override
    public boolean isServing() {
        return true;
    }

    /** Called once every servlet of the web module has started. */
    public static void raise() {
        INSTANCE.register();
    }

    /** Called when the web module stops: readiness is DOWN again until a new deployment raises it. */
    public static void lower() {
        INSTANCE.unregister();
    }

    private void register() {
        try {
            ObjectName name = new ObjectName(NAME);
            try {
                server.registerMBean(this, name);
            } catch (InstanceAlreadyExistsException leftByEarlierDeployment) {
                server.unregisterMBean(name);
                server.registerMBean(this, name);
            }
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot tell the readiness gate that Quorum serves: {0}", e.toString());
        }
    }

    private void unregister() {
        try {
            server.unregisterMBean(new ObjectName(NAME));
        } catch (InstanceNotFoundException alreadyGone) {
            // nothing to lower
        } catch (JMException e) {
            LOG.log(Level.WARNING, "cannot lower the readiness signal: {0}", e.toString());
        }
    }
}
