package dev.quorum.routing.control;

import dev.quorum.platform.control.Columns;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every room's ordered, persisted history. Appending locks the room's row, so sequence numbers are gapless
 * and strictly increasing per room whichever node publishes, and a retried client id finds its original
 * under the same lock instead of racing it. Callers fan a committed message out themselves: a CDI event
 * fired here would not reach observers in the web module of an EAR.
 */
@Stateless
public class MessageLog {

    private static final String COLUMNS = "m.room_id, m.sequence, m.priority, m.type, CAST(m.payload AS TEXT), "
            + "s.subject, s.display_name, m.client_message_id, m.created_at";
    private static final String FROM = " FROM message m LEFT JOIN member s ON s.id = m.sender_id ";

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    /** Appends a message; senderId 0 means Quorum itself (a deadline, a system event). */
    public PublishResult append(
            long room, long senderId, String clientMessageId, Priority priority, String type, String payloadJson) {
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
        return new PublishResult(range(room, sequence - 1, sequence, 1).get(0), false);
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
