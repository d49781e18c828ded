package dev.quorum.notice.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.Priority;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The organization's notices as kept: written with the broadcast that sends them (in its transaction), read
 * by every page when it opens, so a member who was away sees the latest ones and can dismiss them.
 */
@Stateless
@DatabaseGuarded
public class Notices {

    /** What a page shows: the newest few, of the last days. */
    static final int SHOWN = 5;

    static final int DAYS = 7;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    public record Sender(String id, String displayName) {}

    public record Notice(long id, String priority, String text, Sender from, Instant sentAt) {}

    /** Keeps a notice; answers its id, which the live frame carries too. */
    public long keep(long organization, Priority priority, String text, long fromMember) {
        return ((Number) em.createNativeQuery("INSERT INTO organization_notice (organization_id, priority, text, "
                                + "from_member_id) VALUES (?1, ?2, ?3, ?4) RETURNING id")
                        .setParameter(1, organization)
                        .setParameter(2, priority.wireName())
                        .setParameter(3, text)
                        .setParameter(4, fromMember)
                        .getSingleResult())
                .longValue();
    }

    /** The newest notices of the member's organization, newest first. */
    public List<Notice> latest(MemberIdentity member) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT n.id, n.priority, n.text, m.subject, m.display_name, "
                        + "n.sent_at FROM organization_notice n LEFT JOIN member m ON m.id = n.from_member_id "
                        + "WHERE n.organization_id = ?1 AND n.sent_at > now() - make_interval(days => ?2) "
                        + "ORDER BY n.id DESC LIMIT ?3")
                .setParameter(1, member.organizationId())
                .setParameter(2, DAYS)
                .setParameter(3, SHOWN)
                .getResultList();
        return rows.stream()
                .map(row -> new Notice(
                        ((Number) row[0]).longValue(),
                        (String) row[1],
                        (String) row[2],
                        new Sender((String) row[3], (String) row[4]),
                        Columns.instant(row[5])))
                .toList();
    }
}
