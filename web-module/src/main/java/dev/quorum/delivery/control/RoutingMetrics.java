package dev.quorum.delivery.control;

import dev.quorum.platform.control.QuorumMetric;
import dev.quorum.routing.control.Priority;
import dev.quorum.routing.control.StoredMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** Message flow as MicroProfile metrics: in, out, dropped, duplicates, replays, delivery latency. */
@ApplicationScoped
public class RoutingMetrics implements LiveConnection.Observer {

    @Inject
    MetricRegistry registry;

    private volatile Counter[] deliveredCounters;
    private volatile Timer deliveryLatency;

    /** Registers every metric of message flow with the tags it is counted under, before the first message. */
    public void registerAtStart() {
        for (Priority priority : Priority.values()) {
            Tag tag = new Tag("priority", priority.wireName());
            registry.counter(QuorumMetric.MESSAGES_IN.metadata(), new Tag("type", "chat"), tag);
            registry.counter(QuorumMetric.MESSAGES_OUT.metadata(), tag);
            registry.counter(QuorumMetric.MESSAGES_DROPPED.metadata(), tag);
        }
        for (CloseCodes reason : CloseCodes.values()) {
            registry.counter(QuorumMetric.CONNECTIONS_CLOSED.metadata(), new Tag("reason", reason.name()));
        }
        registry.counter(QuorumMetric.DELIVERY_REPAIRED.metadata());
        registry.counter(QuorumMetric.MESSAGES_DUPLICATES.metadata());
        registry.counter(QuorumMetric.MESSAGES_REPLAYED.metadata());
        registry.timer(QuorumMetric.DELIVERY_LATENCY.metadata());
    }

    public void received(String type, Priority priority) {
        registry.counter(
                        QuorumMetric.MESSAGES_IN.metadata(),
                        new Tag("type", type),
                        new Tag("priority", priority.wireName()))
                .inc();
    }

    /** Connections that had missed committed messages and replayed them (a lost cluster message, a race). */
    public void repaired(int connections) {
        registry.counter(QuorumMetric.DELIVERY_REPAIRED.metadata()).inc(connections);
    }

    public void duplicateSuppressed() {
        registry.counter(QuorumMetric.MESSAGES_DUPLICATES.metadata()).inc();
    }

    @Override
    public void dropped(Priority priority, int count) {
        registry.counter(QuorumMetric.MESSAGES_DROPPED.metadata(), new Tag("priority", priority.wireName()))
                .inc(count);
    }

    @Override
    public void delivered(StoredMessage message, long latencyNanos) {
        // once per delivery: the metrics are looked up once, not by name and tags each time
        Counter[] out = deliveredCounters;
        if (out == null) {
            out = new Counter[Priority.values().length];
            for (Priority priority : Priority.values()) {
                out[priority.ordinal()] = registry.counter(
                        QuorumMetric.MESSAGES_OUT.metadata(), new Tag("priority", priority.wireName()));
            }
            deliveryLatency = registry.timer(QuorumMetric.DELIVERY_LATENCY.metadata());
            deliveredCounters = out; // written last: whoever sees it sees the timer too
        }
        out[message.priority().ordinal()].inc();
        // received by the server -> queued for the socket; the send itself follows at once unless the client is slow
        deliveryLatency.update(Duration.ofNanos(latencyNanos));
    }

    /** A connection the server closed, by close code name. */
    public void closed(CloseCodes reason) {
        registry.counter(QuorumMetric.CONNECTIONS_CLOSED.metadata(), new Tag("reason", reason.name()))
                .inc();
    }

    @Override
    public void replayed(int count) {
        if (count > 0) {
            registry.counter(QuorumMetric.MESSAGES_REPLAYED.metadata()).inc(count);
        }
    }

    /** Delivery latency percentiles of this node (MicroProfile Metrics' recent-window snapshot), in ms. */
    public record Latency(double p50Millis, double p95Millis, double p99Millis, long deliveries) {}

    public Latency latency() {
        Timer timer = registry.timer(QuorumMetric.DELIVERY_LATENCY.metadata());
        org.eclipse.microprofile.metrics.Snapshot snapshot = timer.getSnapshot();
        return new Latency(
                percentileMillis(snapshot, 0.5),
                percentileMillis(snapshot, 0.95),
                percentileMillis(snapshot, 0.99),
                timer.getCount());
    }

    private static double percentileMillis(org.eclipse.microprofile.metrics.Snapshot snapshot, double percentile) {
        for (org.eclipse.microprofile.metrics.Snapshot.PercentileValue value : snapshot.percentileValues()) {
            if (Math.abs(value.getPercentile() - percentile) < 1e-9) {
                return value.getValue() / 1_000_000.0;
            }
        }
        return 0;
    }
}
