package dev.quorum.compliance.control;

import dev.quorum.audit.control.AuditRecords;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.MemberDisconnected;
import dev.quorum.routing.control.MessageLog;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GDPR erasure: the member becomes a pseudonym everywhere Quorum names them — their own row (subject, display
 * name; inactive, roles and memberships gone), the identity fields and mentions in every message of the
 * organization, decision minutes and who closed a motion, finding excerpts, direct rooms' names, and the audit
 * trail's actor. What they did stays, so vote counts, minutes and the record of the meetings hold; the audit
 * chain hashes actors by digest and still verifies. Their open connections close on every node. Free text that
 * others wrote in documents and comments is not rewritten (it is the organization's record; an officer
 * redacts it there if needed); what they said in meetings stays, under the pseudonym. The erasure is audited under the pseudonym, never the name.
 */
@Stateless
@DatabaseGuarded
public class MemberErasure {

    /** What was pseudonymised, counted. */
    public record Erased(
            String pseudonym,
            String displayName,
            int messages,
            int decisionMinutes,
            int motions,
            int auditEntries,
            int findings,
            int directRooms,
            int transcriptSegments) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    Event<ComplianceAction> actions;

    @Inject
    Event<MemberDisconnected> disconnections;

    @Inject
    Sealing sealing;

    public Erased erase(MemberIdentity officer, String subject, String confirmation, String source) {
        if (!subject.equals(confirmation)) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE,
                    "Erasure cannot be undone: repeat the member's id in 'confirm' to erase them.");
        }
        if (subject.equals(officer.subject())) {
            throw new QuorumException(
                    QuorumError.FORBIDDEN, "You cannot erase yourself; another compliance officer or admin can.");
        }
        if (subject.startsWith(AuditRecords.PSEUDONYM_PREFIX)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "This member has been erased already.");
        }
        List<?> found = em.createNativeQuery("SELECT id, display_name FROM member WHERE organization_id = ?1 "
                        + "AND subject = ?2 FOR UPDATE")
                .setParameter(1, officer.organizationId())
                .setParameter(2, subject)
                .getResultList();
        if (found.isEmpty()) {
            throw new QuorumException(QuorumError.NOT_FOUND, "No member with that id in your organization.");
        }
        Object[] row = (Object[]) found.get(0);
        long member = ((Number) row[0]).longValue();
        String displayName = (String) row[1];
        String code = HexFormat.of().formatHex(randomBytes());
        String pseudonym = AuditRecords.PSEUDONYM_PREFIX + code;
        String pseudonymName = "Erased member " + code.substring(0, 6);
        long organization = officer.organizationId();

        // the locked records (sealed audit entries, decision minutes) accept this one change in this transaction
        em.createNativeQuery("SELECT set_config('quorum.erasure', 'on', true)").getSingleResult();
        Rewrite names = new Rewrite(subject, displayName, pseudonym, pseudonymName);
        int messages = bind(
                        em.createNativeQuery("UPDATE message m SET payload = CAST(" + names.sql("m.payload::text")
                                + " AS JSONB) FROM room r WHERE m.room_id = r.id AND r.organization_id = ?9 AND ("
                                + "strpos(m.payload::text, ?7) > 0 OR strpos(m.payload::text, ?8) > 0 "
                                + "OR m.payload::text ~ ?3)"),
                        names,
                        organization)
                .executeUpdate();
        messages += rewriteSealed(organization, names);
        int minutes = bind(
                        em.createNativeQuery("UPDATE decision_minute d SET text = " + names.sql("d.text")
                                + ", record = CAST(" + names.sql("d.record::text") + " AS JSONB) FROM motion mo "
                                + "JOIN meeting mt ON mt.id = mo.meeting_id WHERE d.motion_id = mo.id "
                                + "AND mt.organization_id = ?9 AND (strpos(d.record::text, ?7) > 0 "
                                + "OR strpos(d.text, ?8) > 0)"),
                        names,
                        organization)
                .executeUpdate();
        int motions = bind(
                        em.createNativeQuery("UPDATE motion mo SET closed_by = " + names.sql("mo.closed_by")
                                + " FROM meeting mt WHERE mt.id = mo.meeting_id AND mt.organization_id = ?9 "
                                + "AND (strpos(mo.closed_by, ?7) > 0 OR strpos(mo.closed_by, ?8) > 0)"),
                        names,
                        organization)
                .executeUpdate();
        int findings = bind(
                        em.createNativeQuery("UPDATE compliance_finding f SET excerpt = " + names.sql("f.excerpt")
                                + " WHERE f.organization_id = ?9 AND (strpos(f.excerpt, ?7) > 0 "
                                + "OR strpos(f.excerpt, ?8) > 0)"),
                        names,
                        organization)
                .executeUpdate();
        // what they said stays in the meeting's record, under the pseudonym; so do action items they own
        int segments = em.createNativeQuery(
                        "UPDATE transcript_segment SET speaker_name = ?1 WHERE speaker_member_id = ?2")
                .setParameter(1, pseudonymName)
                .setParameter(2, member)
                .executeUpdate();
        em.createNativeQuery("UPDATE analysis_result a SET owner = ?1 FROM meeting mt WHERE mt.id = a.meeting_id "
                        + "AND mt.organization_id = ?2 AND a.owner = ?3")
                .setParameter(1, pseudonymName)
                .setParameter(2, organization)
                .setParameter(3, displayName)
                .executeUpdate();
        int audit = em.createNativeQuery("UPDATE audit_event SET actor = ?1 WHERE organization_id = ?2 AND actor = ?3")
                .setParameter(1, pseudonym)
                .setParameter(2, organization)
                .setParameter(3, subject)
                .executeUpdate();
        int directRooms = em.createNativeQuery("UPDATE room SET name = regexp_replace(name, ?1, ?2) "
                        + "WHERE organization_id = ?3 AND kind = 'direct' AND name ~ ?1")
                .setParameter(1, "(^direct:|:)" + Rewrite.literal(subject) + "(:|$)")
                .setParameter(2, "\\1" + pseudonym + "\\2")
                .setParameter(3, organization)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM member_role WHERE member_id = ?1")
                .setParameter(1, member)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM room_membership rm USING room r WHERE rm.room_id = r.id "
                        + "AND r.kind <> 'direct' AND rm.member_id = ?1")
                .setParameter(1, member)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM connection_ticket WHERE member_id = ?1")
                .setParameter(1, member)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM mention WHERE member_id = ?1")
                .setParameter(1, member)
                .executeUpdate();
        em.createNativeQuery("UPDATE member SET subject = ?1, display_name = ?2, active = FALSE WHERE id = ?3")
                .setParameter(1, pseudonym)
                .setParameter(2, pseudonymName)
                .setParameter(3, member)
                .executeUpdate();

        Erased erased = new Erased(
                pseudonym, pseudonymName, messages, minutes, motions, audit, findings, directRooms, segments);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("messages", messages);
        detail.put("decisionMinutes", minutes);
        detail.put("auditEntries", audit);
        detail.put("findings", findings);
        detail.put("transcriptSegments", segments);
        actions.fire(new ComplianceAction(
                Origin.of(officer, source), "compliance.member.erasure", "member:" + pseudonym, detail));
        // after the commit, on every node: the connections still carry the old name
        disconnections.fire(new MemberDisconnected(organization, subject));
        return erased;
    }

    /** Sealed messages (confidential rooms) are opened, rewritten and sealed again: SQL cannot see into them. */
    @SuppressWarnings("unchecked")
    private int rewriteSealed(long organization, Rewrite names) {
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.room_id, m.sequence, m.sealed FROM message m "
                        + "JOIN room r ON r.id = m.room_id WHERE r.organization_id = ?1 AND m.sealed IS NOT NULL "
                        + "FOR UPDATE OF m")
                .setParameter(1, organization)
                .getResultList();
        int rewritten = 0;
        for (Object[] row : rows) {
            String boundTo = MessageLog.boundTo(((Number) row[1]).longValue(), ((Number) row[2]).longValue());
            String payload;
            try {
                payload = sealing.open(organization, boundTo, (byte[]) row[3]);
            } catch (IllegalStateException unreadable) {
                continue; // altered or moved: it reads as unreadable, and names nobody
            }
            String changed = names.inJava(payload);
            if (!changed.equals(payload)) {
                Sealing.Sealed sealed = sealing.seal(organization, boundTo, changed);
                em.createNativeQuery("UPDATE message SET sealed = ?1, sealed_key = ?2 WHERE id = ?3")
                        .setParameter(1, sealed.bytes())
                        .setParameter(2, sealed.keyId())
                        .setParameter(3, ((Number) row[0]).longValue())
                        .executeUpdate();
                rewritten++;
            }
        }
        return rewritten;
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, Rewrite names, long organization) {
        return names.bind(query).setParameter(9, organization);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The replacements of a member's names in stored text, as PostgreSQL regular expressions bound to
     * parameters 1 to 8: the subject as a JSON string value and in an @mention, the display name as a phrase.
     */
    record Rewrite(String subject, String displayName, String pseudonym, String pseudonymName) {

        /** The expression that rewrites a text column. */
        String sql(String column) {
            return "regexp_replace(regexp_replace(regexp_replace(" + column + ", ?1, ?2, 'g'), ?3, ?4, 'g'), ?5, ?6, "
                    + "'g')";
        }

        jakarta.persistence.Query bind(jakarta.persistence.Query query) {
            return query.setParameter(1, "\"" + literal(subject) + "\"")
                    .setParameter(2, "\"" + pseudonym + "\"")
                    .setParameter(3, "(@|&#64;)" + literal(subject) + "(?![A-Za-z0-9_.-])")
                    .setParameter(4, "\\1" + pseudonym)
                    .setParameter(5, "\\m" + literal(displayName) + "\\M")
                    .setParameter(6, pseudonymName)
                    .setParameter(7, "\"" + subject + "\"")
                    .setParameter(8, displayName);
        }

        /** The same three replacements, for text opened in Java. */
        String inJava(String text) {
            String out = text.replace("\"" + subject + "\"", "\"" + pseudonym + "\"");
            out = java.util.regex.Pattern.compile(
                            "(@|&#64;)" + java.util.regex.Pattern.quote(subject) + "(?![A-Za-z0-9_.-])")
                    .matcher(out)
                    .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + pseudonym));
            return java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(displayName) + "\\b")
                    .matcher(out)
                    .replaceAll(java.util.regex.Matcher.quoteReplacement(pseudonymName));
        }

        /** The text as a PostgreSQL regular expression that matches it literally. */
        static String literal(String text) {
            StringBuilder out = new StringBuilder(text.length() * 2);
            text.codePoints().forEach(c -> {
                if (!Character.isLetterOrDigit(c)) {
                    out.append('\\');
                }
                out.appendCodePoint(c);
            });
            return out.toString();
        }
    }
}
