package dev.quorum.platform.control;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Every application metric Quorum has, with the description and unit /metrics shows in its HELP line. The
 * README's metrics table lists the same, and the dashboard in docs/grafana reads them. Each is registered at
 * start-up, so a scrape finds all of them before the first connection.
 */
public enum QuorumMetric {
    CONNECTIONS_OPEN("quorum.connections.open", "Open WebSocket connections on this node."),
    CONNECTIONS_QUEUED_FRAMES(
            "quorum.connections.queued-frames", "Frames waiting in the send queues of this node's connections."),
    CONNECTIONS_DEEPEST_QUEUE(
            "quorum.connections.deepest-queue", "Frames waiting in the longest send queue of this node's connections."),
    CONNECTIONS_OPENED("quorum.connections.opened", "Connections opened on this node, by credential (token, ticket)."),
    CONNECTIONS_CLOSED("quorum.connections.closed", "Connections this node closed, by reason (close code name)."),
    HANDSHAKES_REFUSED("quorum.handshakes.refused", "WebSocket handshakes refused by this node, by error code."),
    FRAMES_REFUSED("quorum.frames.refused", "Inbound frames refused by this node, by error code."),
    MESSAGES_IN("quorum.messages.in", "Messages published through this node, by type and priority."),
    MESSAGES_OUT("quorum.messages.out", "Messages delivered to connections of this node, by priority."),
    MESSAGES_DROPPED(
            "quorum.messages.dropped", "Messages dropped for slow consumers (low priority first), by priority."),
    MESSAGES_DUPLICATES(
            "quorum.messages.duplicates", "Retried publishes answered as duplicates instead of being stored twice."),
    MESSAGES_REPLAYED("quorum.messages.replayed", "Stored messages replayed to connections that resumed."),
    DELIVERY_REPAIRED(
            "quorum.delivery.repaired",
            "Connections that replayed committed messages they had missed (a lost cluster message)."),
    DELIVERY_LATENCY(
            "quorum.delivery.latency",
            "From a message's arrival at the server to its frame queued for each receiving socket.",
            MetricUnits.NANOSECONDS),
    DATABASE_FAILING_FAST(
            "quorum.database.failing-fast", "1 while the database is unreachable and requests fail at once."),
    LOG_RECORDS("quorum.log.records", "Log records of level WARNING and SEVERE written by this node, by level."),
    ANALYSIS_REMOTE_CIRCUIT_OPEN(
            "quorum.analysis.remote.circuit-open",
            "1 while the remote analysis engine's circuit breaker is open (the local engine answers).");

    private final Metadata metadata;

    QuorumMetric(String name, String description) {
        this(name, description, MetricUnits.NONE);
    }

    QuorumMetric(String name, String description, String unit) {
        this.metadata = Metadata.builder()
                .withName(name)
                .withDescription(description)
                .withUnit(unit)
                .build();
    }

    /** Name, description and unit: pass it wherever the metric is looked up, so every lookup agrees. */
    public Metadata metadata() {
        return metadata;
    }

    public String metricName() {
        return metadata.getName();
    }
}
