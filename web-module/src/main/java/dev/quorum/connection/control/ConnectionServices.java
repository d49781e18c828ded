package dev.quorum.connection.control;

import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.ReplayExecutor;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.RereadSetting;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.routing.control.MessageLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every WebSocket connection works with, injected once for all of them. The endpoint instance of a
 * connection is made with it by the endpoint's configurator instead of being injected by CDI: the
 * container builds a CDI endpoint under one global lock, and under a join storm connections queued there
 * for half a second each (JFR, issue 16).
 */
@ApplicationScoped
public class ConnectionServices {

    @Inject
    ConnectionRegistry registry;

    @Inject
    ConnectionMetrics metrics;

    @Inject
    CommandTable commands;

    @Inject
    Limits limits;

    @Inject
    PresenceTracker presence;

    @Inject
    MessageLog log;

    @Inject
    RoutingMetrics routingMetrics;

    @Inject
    ReplayExecutor replays;

    @Inject
    @ConfigProperty(name = "quorum.connection.queue-capacity", defaultValue = "512")
    Provider<Integer> queueCapacity;

    /** Read per connection: reread every few seconds, not asked of Payara per handshake. */
    private final RereadSetting<Integer> currentQueueCapacity = new RereadSetting<>(() -> queueCapacity.get());

    @Inject
    @ConfigProperty(name = "quorum.protocol.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    public ConnectionRegistry registry() {
        return registry;
    }

    public ConnectionMetrics metrics() {
        return metrics;
    }

    public CommandTable commands() {
        return commands;
    }

    public Limits limits() {
        return limits;
    }

    public PresenceTracker presence() {
        return presence;
    }

    public MessageLog log() {
        return log;
    }

    public RoutingMetrics routingMetrics() {
        return routingMetrics;
    }

    public ReplayExecutor replays() {
        return replays;
    }

    public int queueCapacity() {
        return currentQueueCapacity.get();
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }
}
