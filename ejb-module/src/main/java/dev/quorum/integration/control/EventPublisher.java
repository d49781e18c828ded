package dev.quorum.integration.control;

import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sends one event to its organization's topic, off the committing thread. Best effort: while the broker is
 * away events are not kept (one log line a minute says so); the topic's durable subscribers get what was
 * published while they were offline.
 */
@Stateless
@DatabaseGuarded
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    private static final Map<Long, String> SLUGS = new ConcurrentHashMap<>();
    private static final AtomicLong LAST_FAILURE_LOG = new AtomicLong();

    @Resource(lookup = "jms/quorum/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Asynchronous
    public void publish(long organization, String json) {
        String slug = SLUGS.computeIfAbsent(
                organization, id -> (String) em.createNativeQuery("SELECT slug FROM organization WHERE id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createTopic("quorum.events." + slug))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(json);
            message.setIntProperty("schema", IntegrationEvents.SCHEMA);
            producer.send(message);
        } catch (JMSException | RuntimeException e) {
            long now = System.currentTimeMillis();
            long last = LAST_FAILURE_LOG.get();
            if (now - last > 60_000 && LAST_FAILURE_LOG.compareAndSet(last, now)) {
                LOG.warning("Events for integrations are not sent while the broker refuses them: " + e);
            }
        }
    }
}
