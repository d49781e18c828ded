package dev.quorum.platform.control;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Moves a message Quorum refuses to the broker's dead-letter queue at once, with the reason: the adapter's own
 * dead-lettering (after the last redelivery) records only "Exceeded ra redelivery policy limit", so a consumer
 * that knows a message can never succeed sends it there itself, in its transaction (consumed and dead-lettered,
 * or neither).
 */
public final class DeadLetters {

    public static final String QUEUE = "ActiveMQ.DLQ";

    private DeadLetters() {}

    public static void send(
            ConnectionFactory factory, Message original, String body, String destination, String reason) {
        // JMS 1.1 API: the adapter's pooled factory does not support createContext()
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
            TextMessage dead = session.createTextMessage(body);
            dead.setStringProperty("dlqDeliveryFailureCause", reason);
            dead.setStringProperty("quorumRefusal", reason);
            dead.setStringProperty("quorumDestination", destination);
            dead.setStringProperty("quorumSender", String.valueOf(original.getStringProperty("JMSXUserID")));
            dead.setStringProperty("quorumMessageId", original.getJMSMessageID());
            if (original.getJMSCorrelationID() != null) {
                dead.setJMSCorrelationID(original.getJMSCorrelationID());
            }
            producer.send(dead);
        } catch (JMSException e) {
            throw new IllegalStateException("The refused message could not be dead-lettered: " + e.getMessage(), e);
        }
    }
}
