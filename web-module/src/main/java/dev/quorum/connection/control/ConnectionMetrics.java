package dev.quorum.connection.control;

import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumMetric;
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
        registry.gauge(QuorumMetric.CONNECTIONS_OPEN.metadata(), connections, ConnectionRegistry::size);
        // 1 while handshakes, frames and REST calls are answered UNAVAILABLE at once (the database is away)
        registry.gauge(
                QuorumMetric.DATABASE_FAILING_FAST.metadata(), this, metrics -> DatabaseOutage.failingFast() ? 1 : 0);
        registry.gauge(QuorumMetric.CONNECTIONS_QUEUED_FRAMES.metadata(), connections, r -> r.all().stream()
                .mapToInt(dev.quorum.delivery.control.LiveConnection::queueDepth)
                .sum());
        registry.gauge(QuorumMetric.CONNECTIONS_DEEPEST_QUEUE.metadata(), connections, r -> r.all().stream()
                .mapToInt(dev.quorum.delivery.control.LiveConnection::queueDepth)
                .max()
                .orElse(0));
    }

    /**
     * Registers the counters with the values they will be counted under, so that /metrics shows them, with
     * their descriptions, before the first connection (the gauges are registered as this bean is created).
     */
    public void registerAtStart() {
        for (String credential : new String[] {"token", "ticket"}) {
            registry.counter(QuorumMetric.CONNECTIONS_OPENED.metadata(), new Tag("credential", credential));
        }
        for (QuorumError reason : new QuorumError[] {
            QuorumError.CREDENTIAL_MISSING, QuorumError.TOKEN_INVALID, QuorumError.TICKET_INVALID,
            QuorumError.TICKET_EXPIRED, QuorumError.MEMBER_UNKNOWN, QuorumError.MEMBER_INACTIVE,
            QuorumError.ORGANIZATION_SUSPENDED, QuorumError.HANDSHAKE_RATE_LIMITED, QuorumError.TOO_MANY_CONNECTIONS
        }) {
            registry.counter(QuorumMetric.HANDSHAKES_REFUSED.metadata(), new Tag("reason", reason.code()));
        }
        for (QuorumError reason : new QuorumError[] {
            QuorumError.MALFORMED_JSON,
            QuorumError.INVALID_ENVELOPE,
            QuorumError.UNKNOWN_TYPE,
            QuorumError.FRAME_TOO_LARGE,
            QuorumError.RATE_LIMITED
        }) {
            registry.counter(QuorumMetric.FRAMES_REFUSED.metadata(), new Tag("reason", reason.code()));
        }
    }

    public void handshakeRefused(QuorumError reason) {
        registry.counter(QuorumMetric.HANDSHAKES_REFUSED.metadata(), new Tag("reason", reason.code()))
                .inc();
    }

    public void connectionOpened(String credential) {
        registry.counter(QuorumMetric.CONNECTIONS_OPENED.metadata(), new Tag("credential", credential))
                .inc();
    }

    public void frameRefused(QuorumError reason) {
        registry.counter(QuorumMetric.FRAMES_REFUSED.metadata(), new Tag("reason", reason.code()))
                .inc();
    }
}
