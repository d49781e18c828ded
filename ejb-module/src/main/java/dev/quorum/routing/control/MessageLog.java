package dev.quorum.routing.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
            + "s.subject, s.display_name, m.client_message_id, m.created_at, m.sealed, "
            + "(SELECT organization_id FROM room WHERE id = m.room_id)";
    private static final String FROM = " FROM message m LEFT JOIN member s ON s.id = m.sender_id ";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(MessageLog.class.getName());

    /** What a sealed payload that does not open is read as. */
    static final String UNREADABLE =
            "{\"unreadable\":\"This message is stored sealed and no longer opens: it was altered, or its key is gone.\"}";

    /** What a sealed payload is stored as: the ciphertext is in {@code sealed}. */
    private static final String SEALED_PLACEHOLDER = "{}";

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<MessageCommitted> committed;

    @Inject
    Sealing sealing;

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
        return appendAll(
                        room,
                        List.of(new Append(
                                senderId, clientMessageId, priority, type, payloadJson, audience, receivedNanos)))
                .get(0);
    }

    /** One message to append; senderId 0 means Quorum itself. */
    public record Append(
            long senderId,
            String clientMessageId,
            Priority priority,
            String type,
            String payloadJson,
            Audience audience,
            long receivedNanos) {}

    /**
     * Appends several messages to one room in the caller's transaction, in their order, under one lock of
     * the room's row: what a burst of publishes into a room costs one lock, one sequence update and one
     * commit for, instead of one each. Each insert answers the stored row itself, and the last one carries
     * the room's sequence update.
     * Each retried client id answers its original (also one earlier in the same list).
     */
    public List<PublishResult> appendAll(long room, List<Append> appends) {
        Object[] locked = (Object[]) em.createNativeQuery(
                        "SELECT last_sequence, organization_id, confidential FROM room WHERE id = ?1 FOR UPDATE")
                .setParameter(1, room)
                .getSingleResult();
        long last = ((Number) locked[0]).longValue();
        long organization = ((Number) locked[1]).longValue();
        boolean confidential = Boolean.TRUE.equals(locked[2]);
        if (appends.size() == 1 && appends.get(0).clientMessageId() != null) {
            return List.of(appendOne(room, last + 1, appends.get(0), confidential ? organization : null));
        }
        Map<String, StoredMessage> originals = originals(room, appends);
        // per append: the original it retries, or the sequence it gets
        Object[] outcome = new Object[appends.size()];
        Map<String, Long> assigned = new HashMap<>();
        long sequence = last;
        for (int i = 0; i < appends.size(); i++) {
            Append append = appends.get(i);
            String key = retryKey(append.senderId(), append.clientMessageId());
            if (key != null && originals.containsKey(key)) {
                outcome[i] = originals.get(key);
            } else if (key != null && assigned.containsKey(key)) {
                outcome[i] = assigned.get(key);
            } else {
                sequence++;
                outcome[i] = sequence;
                if (key != null) {
                    assigned.put(key, sequence);
                }
            }
        }
        if (sequence == last) {
            return Arrays.stream(outcome)
                    .map(o -> new PublishResult((StoredMessage) o, true))
                    .toList();
        }
        Map<Long, StoredMessage> stored = new HashMap<>();
        for (int i = 0; i < appends.size(); i++) {
            if (outcome[i] instanceof Long assignedSequence && !stored.containsKey(assignedSequence)) {
                // the last insert moves the room's sequence on, in the same statement
                StoredMessage message = insert(
                                room,
                                assignedSequence,
                                appends.get(i),
                                confidential ? organization : null,
                                assignedSequence == sequence)
                        .orElseThrow(() -> new IllegalStateException("a retry was not found under the room's lock"));
                stored.put(assignedSequence, message);
            }
        }
        List<PublishResult> results = new ArrayList<>(appends.size());
        Set<Long> announced = new HashSet<>();
        for (int i = 0; i < appends.size(); i++) {
            if (outcome[i] instanceof StoredMessage original) {
                results.add(new PublishResult(original, true));
                continue;
            }
            StoredMessage message = stored.get((Long) outcome[i]);
            boolean first = announced.add(message.sequence());
            if (first) {
                Append append = appends.get(i);
                committed.fire(new MessageCommitted(message, append.audience(), append.receivedNanos()));
            }
            results.add(new PublishResult(message, !first));
        }
        return results;
    }

    /**
     * The common case, one publish with a client id: inserted unless its id is taken, which the unique index
     * tells without a lookup first (a publish is then two statements: lock, insert); only a retry reads
     * its original.
     */
    private PublishResult appendOne(long room, long sequence, Append append, Long sealedFor) {
        Optional<StoredMessage> inserted = insert(room, sequence, append, sealedFor, true);
        if (inserted.isEmpty()) {
            StoredMessage original = bySender(room, append.senderId(), append.clientMessageId())
                    .orElseThrow(() -> new IllegalStateException("a taken client id has no message"));
            return new PublishResult(original, true);
        }
        committed.fire(new MessageCommitted(inserted.get(), append.audience(), append.receivedNanos()));
        return new PublishResult(inserted.get(), false);
    }

    /**
     * Inserts one message and answers it as stored (the database's payload text and time, the sender's
     * names) from the same statement; the last insert of an append also sets the room's last sequence.
     * Nothing is inserted, nor the sequence moved, when the sender's client id is taken in the room.
     */
    private Optional<StoredMessage> insert(
            long room, long sequence, Append append, Long sealedFor, boolean movesSequence) {
        // a confidential room's payloads are stored sealed; the database keeps only the ciphertext
        Sealing.Sealed sealed =
                sealedFor == null ? null : sealing.seal(sealedFor, boundTo(room, sequence), append.payloadJson());
        String values = sealed == null
                ? "client_message_id) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS JSONB), NULLIF(?6, 0), ?7)"
                : "client_message_id, sealed, sealed_key) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS JSONB), NULLIF(?6, 0), "
                        + "?7, ?8, ?9)";
        Query insert = em.createNativeQuery("WITH m AS (INSERT INTO message (room_id, sequence, priority, type, "
                        + "payload, sender_id, " + values
                        + " ON CONFLICT (room_id, sender_id, client_message_id) DO NOTHING"
                        + " RETURNING room_id, sequence, priority, type, payload, sender_id, client_message_id, "
                        + "created_at)"
                        + (movesSequence
                                ? ", moved AS (UPDATE room SET last_sequence = ?10 WHERE id = ?11 AND EXISTS (SELECT 1 FROM m))"
                                : "")
                        + " SELECT m.room_id, m.sequence, m.priority, m.type, CAST(m.payload AS TEXT), s.subject, "
                        + "s.display_name, m.client_message_id, m.created_at"
                        + " FROM m LEFT JOIN member s ON s.id = m.sender_id")
                .setParameter(1, room)
                .setParameter(2, sequence)
                .setParameter(3, append.priority().wireName())
                .setParameter(4, append.type())
                .setParameter(5, sealed == null ? append.payloadJson() : SEALED_PLACEHOLDER)
                .setParameter(6, append.senderId())
                .setParameter(7, append.clientMessageId());
        if (sealed != null) {
            insert.setParameter(8, sealed.bytes()).setParameter(9, sealed.keyId());
        }
        if (movesSequence) {
            insert.setParameter(10, sequence).setParameter(11, room);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = insert.getResultList();
        // a sealed payload reads back as what was sealed: the plain text in hand
        return rows.stream()
                .findFirst()
                .map(row -> stored(row, sealed == null ? (String) row[4] : append.payloadJson()));
    }

    private static String retryKey(long senderId, String clientMessageId) {
        return clientMessageId == null ? null : senderId + ":" + clientMessageId;
    }

    /** The stored messages the appends' client ids retry, by sender and client id, in one query. */
    @SuppressWarnings("unchecked")
    private Map<String, StoredMessage> originals(long room, List<Append> appends) {
        List<Append> identified =
                appends.stream().filter(a -> a.clientMessageId() != null).toList();
        if (identified.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredMessage> originals = new HashMap<>();
        if (identified.size() == 1) {
            Append only = identified.get(0);
            bySender(room, only.senderId(), only.clientMessageId())
                    .ifPresent(m -> originals.put(retryKey(only.senderId(), only.clientMessageId()), m));
            return originals;
        }
        // the (sender, client id) pairs of several senders at once, each found through the unique index
        jakarta.json.JsonArrayBuilder pairs = JSON.createArrayBuilder();
        identified.forEach(a ->
                pairs.add(JSON.createObjectBuilder().add("sender", a.senderId()).add("id", a.clientMessageId())));
        // LATERAL: one unique-index lookup per pair, never a scan of the room's messages to hash against
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + ", m.sender_id"
                        + " FROM jsonb_to_recordset(CAST(?2 AS JSONB)) AS k(sender BIGINT, id TEXT)"
                        + " CROSS JOIN LATERAL (SELECT * FROM message WHERE room_id = ?1 AND sender_id = k.sender"
                        + " AND client_message_id = k.id) m LEFT JOIN member s ON s.id = m.sender_id")
                .setParameter(1, room)
                .setParameter(2, pairs.build().toString())
                .getResultList();
        for (Object[] row : rows) {
            originals.put(retryKey(((Number) row[11]).longValue(), (String) row[7]), message(row));
        }
        return originals;
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
        return rows.stream().map(this::message).toList();
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
                new ArrayList<>(rows.stream().map(this::message).toList());
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
        return rows.stream().map(this::message).findFirst();
    }

    /** What a message's sealed payload is bound to: its room and place, so it opens nowhere else. */
    public static String boundTo(long room, long sequence) {
        return SealedPlaces.message(room, sequence);
    }

    /**
     * A sealed payload, opened. One that does not open (altered in the database, or moved from elsewhere) is
     * answered as what it is, so that one bad row does not take the room's whole history down with it.
     */
    private String opened(long organization, long room, long sequence, Object sealed) {
        try {
            return sealing.open(organization, boundTo(room, sequence), (byte[]) sealed);
        } catch (IllegalStateException e) {
            LOG.warning("Message " + sequence + " of room " + room + " is sealed but does not open: " + e.getMessage());
            return UNREADABLE;
        }
    }

    private StoredMessage message(Object[] row) {
        long room = ((Number) row[0]).longValue();
        long sequence = ((Number) row[1]).longValue();
        String payload =
                row[9] == null ? (String) row[4] : opened(((Number) row[10]).longValue(), room, sequence, row[9]);
        return stored(row, payload);
    }

    /** A row whose first nine columns are those of {@link #COLUMNS}, with its payload as read. */
    private static StoredMessage stored(Object[] row, String payload) {
        return new StoredMessage(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                Priority.fromWire((String) row[2]).orElseThrow(),
                (String) row[3],
                payload,
                (String) row[5],
                (String) row[6],
                (String) row[7],
                Columns.instant(row[8]));
    }
}
