package dev.quorum.analysis.boundary;

import dev.quorum.analysis.control.AnalysisQueue;
import dev.quorum.analysis.control.AnalysisRuns;
import dev.quorum.platform.control.DatabaseMigration;
import dev.quorum.platform.control.DeadLetters;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Consumes analysis jobs from the broker, in a transaction with the job's results: the message is consumed
 * when they commit. A failed attempt is redelivered with a growing delay; after {@link #ATTEMPTS} the broker
 * moves the message to its dead-letter queue ({@code ActiveMQ.DLQ}, the cause in its
 * {@code dlqDeliveryFailureCause} property: "Exceeded ra redelivery policy limit"), and the job is marked failed,
 * with its reason, in the database. A message that is not a job is dead-lettered at once with the reason.
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

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

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
        String body = null;
        try {
            body = message instanceof TextMessage text ? text.getText() : null;
            job = AnalysisQueue.jobOf(body);
            attempt = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | IllegalArgumentException e) {
            // it can never succeed: to the dead-letter queue at once, with the reason
            LOG.warning("A message on " + AnalysisQueue.NAME + " is not an analysis job (" + e.getMessage()
                    + "); it goes to the dead-letter queue.");
            DeadLetters.send(
                    connectionFactory, message, body, AnalysisQueue.NAME, "Not an analysis job: " + e.getMessage());
            return;
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
