package dev.quorum.analysis.control;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Moves jobs from the outbox to the broker: at once after a commit that wrote one ({@link #nudge}), and every two
 * seconds for whatever is left (a broker that was away, a node that died mid-relay). Sending runs outside any
 * transaction: each message is on the broker (persistent) before its job is marked queued.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnalysisRelay {

    private static final Logger LOG = Logger.getLogger(AnalysisRelay.class.getName());
    private static final int BATCH = 100;
    /** One line a minute while the broker is away, not one per job. */
    private static final AtomicLong LAST_OUTAGE_LOG = new AtomicLong();

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    AnalysisJobs jobs;

    @Asynchronous
    public void nudge() {
        relay();
    }

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    public void sweep() {
        if (!DatabaseOutage.failingFast()) {
            relay();
        }
    }

    private void relay() {
        List<AnalysisJobs.QueuedJob> claimed;
        try {
            claimed = jobs.claim(BATCH);
        } catch (RuntimeException e) {
            return; // the database is away: the sweep tries again
        }
        while (!claimed.isEmpty()) {
            List<Long> ids = claimed.stream().map(AnalysisJobs.QueuedJob::id).toList();
            try {
                send(claimed);
            } catch (JMSException | RuntimeException e) {
                jobs.release(ids);
                long now = System.currentTimeMillis();
                long last = LAST_OUTAGE_LOG.get();
                if (now - last > 60_000 && LAST_OUTAGE_LOG.compareAndSet(last, now)) {
                    LOG.warning("The broker does not take analysis jobs (" + e + "); " + ids.size()
                            + " wait in the outbox and are sent when it is back.");
                }
                return;
            }
            jobs.markQueued(ids);
            if (claimed.size() < BATCH) {
                return;
            }
            claimed = jobs.claim(BATCH);
        }
    }

    private void send(List<AnalysisJobs.QueuedJob> claimed) throws JMSException {
        // JMS 1.1 API: the adapter's pooled factory does not support createContext()
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(AnalysisQueue.NAME))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (AnalysisJobs.QueuedJob job : claimed) {
                TextMessage message = session.createTextMessage(AnalysisQueue.encode(job));
                message.setIntProperty("schema", AnalysisQueue.SCHEMA);
                message.setStringProperty("kind", job.kind());
                message.setLongProperty("organization", job.organization());
                producer.send(message);
            }
        }
    }
}
