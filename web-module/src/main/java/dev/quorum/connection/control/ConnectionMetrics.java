package dev.quorum.connection.control;

import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.QuorumError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Connection counts and refusals, as MicroProfile metrics under /metrics?scope=application. */
@ApplicationScoped
public class ConnectionMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ConnectionRegistry connections;

    @PostConstruct
    void registerGauges() {
        registry.gauge("quorum.connections.open", connections, ConnectionRegistry::size);
        // 1 while handshakes, frames and REST calls are answered UNAVAILABLE at once (the database is away)
        registry.gauge("quorum.database.failing-fast", () -> DatabaseOutage.failingFast() ? 1 : 0);
        registry.gauge("quorum.connections.queued-frames", connections, r -> r.all().stream()
                .mapToInt(dev.quorum.delivery.control.LiveConnection::queueDepth)
                .sum());
        registry.gauge("quorum.connections.deepest-queue", connections, r -> r.all().stream()
                .mapToInt(dev.quorum.delivery.control.LiveConnection::queueDepth)
                .max()
                .orElse(0));
    }

    public void handshakeRefused(QuorumError reason) {
        registry.counter("quorum.handshakes.refused", new Tag("reason", reason.code()))
                .inc();
    }

    public void connectionOpened(String credential) {
        registry.counter("quorum.connections.opened", new Tag("credential", credential))
                .inc();
    }

    public void frameRefused(QuorumError reason) {
        registry.counter("quorum.frames.refused", new Tag("reason", reason.code()))
                .inc();
    }
}
