package dev.quorum.integration.control;

import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.OutboxRelay;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;

/**
 * Sends the outbox's events to their organizations' topics after commit: at once when nudged, and every two
 * seconds for whatever is left (a broker that was away, a node that died mid-relay). Each message carries its
 * {@code sequence}: a consumer orders by it and ignores one it has seen (a send whose node died before marking
 * it may come twice).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventRelay {

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @EJB
    EventOutbox outbox;

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
        OutboxRelay.relay("events for integrations", EventOutbox.BATCH, new OutboxRelay.Outbox<EventOutbox.Pending>() {
            @Override
            public List<EventOutbox.Pending> claim() {
                return outbox.claim();
            }

            @Override
            public void send(List<EventOutbox.Pending> batch) throws JMSException {
                EventRelay.this.send(batch);
            }

            @Override
            public void sent(List<EventOutbox.Pending> batch) {
                outbox.markSent(ids(batch));
            }

            @Override
            public void release(List<EventOutbox.Pending> batch) {
                outbox.release(ids(batch));
            }
        });
    }

    private static List<Long> ids(List<EventOutbox.Pending> batch) {
        return batch.stream().map(EventOutbox.Pending::id).toList();
    }

    private void send(List<EventOutbox.Pending> events) throws JMSException {
        // JMS 1.1 API: the adapter's pooled factory does not support createContext()
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(null)) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (EventOutbox.Pending event : events) {
                TextMessage message = session.createTextMessage(event.body());
                message.setIntProperty("schema", IntegrationEvents.SCHEMA);
                message.setLongProperty("sequence", event.id());
                producer.send(session.createTopic("quorum.events." + event.organization()), message);
            }
        }
    }
}
