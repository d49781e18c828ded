package dev.quorum.integration.boundary;

import dev.quorum.integration.control.IntegrationReads;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/** {@code quorum.requests}: integrations' reads, answered on each request's JMSReplyTo. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = "quorum.requests"),
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
            @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4")
        })
public class RequestConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(RequestConsumer.class.getName());

    @EJB
    IntegrationReads reads;

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Override
    public void onMessage(Message request) {
        try {
            if (request.getJMSReplyTo() == null) {
                LOG.fine("A request without JMSReplyTo is dropped: there is nowhere to answer.");
                return;
            }
            String answer = reads.answer(
                    request.getStringProperty("JMSXUserID"),
                    request instanceof TextMessage text ? text.getText() : null);
            // JMS 1.1 API: the adapter's pooled factory does not support createContext()
            try (Connection connection = connectionFactory.createConnection();
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(request.getJMSReplyTo())) {
                TextMessage reply = session.createTextMessage(answer);
                reply.setJMSCorrelationID(
                        request.getJMSCorrelationID() != null
                                ? request.getJMSCorrelationID()
                                : request.getJMSMessageID());
                producer.send(reply);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("The answer could not be sent: " + e.getMessage(), e);
        }
    }
}
