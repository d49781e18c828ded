package dev.quorum.analysis.control;

import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.OutboxRelay;
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

/**
 * Moves jobs from the outbox to the broker: at once after a commit that wrote one ({@link #nudge}), and every two
 * seconds for whatever is left (a broker that was away, a node that died mid-relay). Sending runs outside any
 * transaction: each message is on the broker (persistent) before its job is marked queued.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnalysisRelay {

    private static final int BATCH = 100;

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
        if (!DatabaseOutage.timersWait()) {
            relay();
        }
    }

    private void relay() {
        OutboxRelay.relay("analysis jobs", BATCH, new OutboxRelay.Outbox<AnalysisJobs.QueuedJob>() {
            @Override
            public List<AnalysisJobs.QueuedJob> claim() {
                return jobs.claim(BATCH);
            }

            @Override
            public void send(List<AnalysisJobs.QueuedJob> batch) throws JMSException {
                AnalysisRelay.this.send(batch);
            }

            @Override
            public void sent(List<AnalysisJobs.QueuedJob> batch) {
                jobs.markQueued(ids(batch));
            }

            @Override
            public void release(List<AnalysisJobs.QueuedJob> batch) {
                jobs.release(ids(batch));
            }
        });
    }

    private static List<Long> ids(List<AnalysisJobs.QueuedJob> batch) {
        return batch.stream().map(AnalysisJobs.QueuedJob::id).toList();
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
