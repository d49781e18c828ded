package dev.quorum.routing.control;

import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every room's ordered, persisted history. Appending locks the room's row, so sequence numbers are gapless
 * and strictly increasing per room whichever node publishes, and a retried client id finds its original
 * under the same lock instead of racing it. Every new message fires {@link MessageCommitted} in the
 * appending transaction; delivery observes it after the commit.
 *
 * SQL on purpose: the payload is JSONB, the append locks the room's row and inserts in as few round trips
 * as the publish path allows, and one ANY(array) query serves every room of a node.
 */
@Stateless
@DatabaseGuarded
public class MessageLog {

    private static final String COLUMNS = "m.room_id, m.sequence, m.priority, m.type, CAST(m.payload AS TEXT), "
            + "s.subject, s.display_name, m.client_message_id, m.created_at";
    private static final String FROM = " FROM message m LEFT JOIN member s ON s.id = m.sender_id ";

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<MessageCommitted> committed;

    /** Appends a message for the room's followers; senderId 0 means Quorum itself (a deadline, a system event). */
    public PublishResult append(
            long room, long senderId, String clientMessageId, Priority priority, String type, String payloadJson) {
        return append(room, senderId, clientMessageId, priority, type, payloadJson, Audience.room(), System.nanoTime());
    }

    /**
     * Appends a message for the given audience, or finds the original of a retried client id. Only a new
     * message is announced: a duplicate was delivered when it first committed.
     */
    public PublishResult append(
            long room,
            long senderId,
            String clientMessageId,
            Priority priority,
            String type,
            String payloadJson,
            Audience audience,
            long receivedNanos) {
        long last = ((Number) em.createNativeQuery("SELECT last_sequence FROM room WHERE id = ?1 FOR UPDATE")
                        .setParameter(1, room)
                        .getSingleResult())
                .longValue();
        if (clientMessageId != null) {
            Optional<StoredMessage> original = bySender(room, senderId, clientMessageId);
            if (original.isPresent()) {
                return new PublishResult(original.get(), true);
            }
        }
        long sequence = last + 1;
        em.createNativeQuery("UPDATE room SET last_sequence = ?1 WHERE id = ?2")
                .setParameter(1, sequence)
                .setParameter(2, room)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO message (room_id, sequence, priority, type, payload, sender_id, "
                        + "client_message_id) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS JSONB), NULLIF(?6, 0), ?7)")
                .setParameter(1, room)
                .setParameter(2, sequence)
                .setParameter(3, priority.wireName())
                .setParameter(4, type)
                .setParameter(5, payloadJson)
                .setParameter(6, senderId)
                .setParameter(7, clientMessageId)
                .executeUpdate();
        StoredMessage message = range(room, sequence - 1, sequence, 1).get(0);
        committed.fire(new MessageCommitted(message, audience, receivedNanos));
        return new PublishResult(message, false);
    }

    /** The newest sequence of each of the given rooms that exists. */
    @SuppressWarnings("unchecked")
    public Map<Long, Long> lastSequences(Collection<Long> rooms) {
        if (rooms.isEmpty()) {
            return Map.of();
        }
        // native: JPQL has no array parameter, and one round trip must serve every room of a node
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, last_sequence FROM room WHERE id = ANY(CAST(?1 AS BIGINT[]))")
                .setParameter(1, rooms.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        Map<Long, Long> last = new HashMap<>();
        for (Object[] row : rows) {
            last.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return last;
    }

    /** Messages with afterSequence < sequence <= upTo, oldest first, at most limit of them. */
    @SuppressWarnings("unchecked")
    public List<StoredMessage> range(long room, long afterSequence, long upTo, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + FROM
                        + "WHERE m.room_id = ?1 AND m.sequence > ?2 AND m.sequence <= ?3 ORDER BY m.sequence LIMIT ?4")
                .setParameter(1, room)
                .setParameter(2, afterSequence)
                .setParameter(3, upTo)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(MessageLog::message).toList();
    }

    /** The newest messages before a sequence, newest last, for paging backwards. */
    @SuppressWarnings("unchecked")
    public List<StoredMessage> before(long room, long beforeSequence, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + FROM
                        + "WHERE m.room_id = ?1 AND m.sequence < ?2 ORDER BY m.sequence DESC LIMIT ?3")
                .setParameter(1, room)
                .setParameter(2, beforeSequence)
                .setParameter(3, limit)
                .getResultList();
        List<StoredMessage> newestFirst =
                new ArrayList<>(rows.stream().map(MessageLog::message).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Messages stored in the organization's rooms since the given number of seconds ago. */
    public long countSince(long organizationId, int seconds) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM message m JOIN room r ON r.id = m.room_id "
                                + "WHERE r.organization_id = ?1 AND m.created_at > now() - make_interval(secs => ?2)")
                        .setParameter(1, organizationId)
                        .setParameter(2, seconds)
                        .getSingleResult())
                .longValue();
    }

    /** The room's newest sequence and its oldest retained one (0 when nothing is retained). */
    public record Bounds(long oldestRetained, long last) {}

    public Bounds bounds(long room) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT r.last_sequence, "
                                + "(SELECT COALESCE(MIN(sequence), 0) FROM message WHERE room_id = r.id) FROM room r WHERE r.id = ?1")
                .setParameter(1, room)
                .getSingleResult();
        return new Bounds(((Number) row[1]).longValue(), ((Number) row[0]).longValue());
    }

    @SuppressWarnings("unchecked")
    private Optional<StoredMessage> bySender(long room, long senderId, String clientMessageId) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + FROM
                        + "WHERE m.room_id = ?1 AND m.sender_id = ?2 AND m.client_message_id = ?3")
                .setParameter(1, room)
                .setParameter(2, senderId)
                .setParameter(3, clientMessageId)
                .getResultList();
        return rows.stream().map(MessageLog::message).findFirst();
    }

    private static StoredMessage message(Object[] row) {
        return new StoredMessage(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                Priority.fromWire((String) row[2]).orElseThrow(),
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (String) row[7],
                Columns.instant(row[8]));
    }
}
