package dev.quorum.analysis.boundary;

import dev.quorum.analysis.control.AnalysisQueue;
import dev.quorum.analysis.control.AnalysisRuns;
import dev.quorum.platform.control.DatabaseMigration;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Consumes analysis jobs from the broker, in a transaction with the job's results: the message is consumed
 * when they commit. A failed attempt is redelivered with a growing delay; after {@link #ATTEMPTS} the broker
 * moves the message to its dead-letter queue ({@code ActiveMQ.DLQ}, the cause in its
 * {@code dlqDeliveryFailureCause} property) and the job is marked failed. A message that is not a job is
 * dead-lettered the same way.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = AnalysisQueue.NAME),
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
            // two at a time: analysis must never take the cores a live meeting needs
            @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "3"),
            @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "500"),
            @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true")
        })
public class AnalysisJobConsumer implements MessageListener {

    /** The first delivery and three redeliveries. */
    static final int ATTEMPTS = 4;

    private static final Logger LOG = Logger.getLogger(AnalysisJobConsumer.class.getName());

    @EJB
    AnalysisRuns runs;

    /** Messages the broker kept may arrive before Quorum has migrated its schema, at start-up: they wait. */
    private static void awaitSchema() {
        for (int i = 0; i < 600 && !DatabaseMigration.migrated(); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void onMessage(Message message) {
        long job;
        int attempt;
        try {
            job = AnalysisQueue.jobOf(message instanceof TextMessage text ? text.getText() : null);
            attempt = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | IllegalArgumentException e) {
            LOG.warning("A message on " + AnalysisQueue.NAME + " is not an analysis job (" + e.getMessage()
                    + "); it goes to the dead-letter queue after " + ATTEMPTS + " attempts.");
            throw new IllegalArgumentException("Not an analysis job: " + e.getMessage());
        }
        awaitSchema();
        try {
            runs.run(job);
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getCause() == null ? e : e.getCause());
            runs.recordFailure(job, attempt, attempt >= ATTEMPTS, reason);
            throw e;
        }
    }
}
