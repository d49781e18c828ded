package dev.quorum.integration.boundary;

import dev.quorum.integration.control.InboundMessages;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** {@code quorum.inbound.transcript}: transcript segments from integrations' speech-to-text systems. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = "quorum.inbound.transcript"),
            @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "activemq-rar"),
            @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4"),
            @ActivationConfigProperty(propertyName = "maximumRedeliveries", propertyValue = "3"),
            @ActivationConfigProperty(propertyName = "initialRedeliveryDelay", propertyValue = "500"),
            @ActivationConfigProperty(propertyName = "useExponentialBackOff", propertyValue = "true")
        })
public class InboundTranscriptConsumer implements MessageListener {

    @EJB
    InboundMessages inbound;

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Override
    public void onMessage(Message message) {
        InboundDelivery.handle(message, "quorum.inbound.transcript", inbound, connectionFactory, inbound::transcript);
    }
}
