package dev.quorum.routing.boundary;

import dev.quorum.connection.boundary.ConnectionRegistry;
import dev.quorum.limits.boundary.Limits;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Closes connections whose high or critical messages wait too long: such a client is better off
 * reconnecting and resuming than receiving urgent news late.
 */
@Singleton
public class DeliveryWatchdog {

    private static final Logger LOG = Logger.getLogger(DeliveryWatchdog.class.getName());

    @Inject
    ConnectionRegistry registry;

    @Inject
    Limits limits;

    @Inject
    @ConfigProperty(name = "quorum.delivery.urgent-timeout-seconds", defaultValue = "10")
    long urgentTimeoutSeconds;

    @Schedule(hour = "*", minute = "*", persistent = false)
    void forgetIdleLimits() {
        limits.forgetIdle();
    }

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void closeOverdueConnections() {
        long limit = Duration.ofSeconds(urgentTimeoutSeconds).toNanos();
        for (LiveConnection connection : registry.all()) {
            if (connection.urgentOverdue(limit)) {
                LOG.info(() -> String.format(
                        "Closing session=%s member=%s: urgent messages waited over %d s",
                        connection.id(), connection.identity().logName(), urgentTimeoutSeconds));
                connection.close(CloseCodes.DELIVERY_TIMEOUT.reason());
            }
        }
    }
}
