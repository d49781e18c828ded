package dev.quorum.integration.boundary;

import dev.quorum.integration.control.InboundMessages;
import dev.quorum.integration.control.InboundRefused;
import dev.quorum.platform.control.DatabaseMigration;
import dev.quorum.platform.control.DeadLetters;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * What the inbound consumers do with a message. The sender is the broker's JMSXUserID (the integration's user,
 * which a client cannot forge). A message Quorum refuses is moved to the dead-letter queue at once, with the
 * reason in {@code dlqDeliveryFailureCause} (and {@code quorumRefusal}), in the consumer's transaction — so it
 * is either consumed and dead-lettered or neither — and audited. Anything else that fails (the database away)
 * is redelivered, and dead-lettered by the broker after the last attempt.
 */
final class InboundDelivery {

    private static final Logger LOG = Logger.getLogger(InboundDelivery.class.getName());

    private InboundDelivery() {}

    static void handle(
            Message message,
            String destination,
            InboundMessages inbound,
            ConnectionFactory factory,
            BiFunction<String, String, Long> act) {
        String sender = null;
        String body = null;
        try {
            sender = message.getStringProperty("JMSXUserID");
            body = message instanceof TextMessage text ? text.getText() : null;
            for (int i = 0; i < 600 && !DatabaseMigration.migrated(); i++) {
                Thread.sleep(100); // messages the broker kept may arrive before the schema is up to date
            }
            act.apply(sender, body);
        } catch (InboundRefused e) {
            LOG.warning("Refused a message on " + destination + " from " + sender + ": " + e.getMessage());
            inbound.refused(sender, destination, e.getMessage());
            DeadLetters.send(factory, message, body, destination, e.getMessage());
        } catch (JMSException e) {
            throw new IllegalStateException("The message cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
