package dev.quorum.transcript.control;

import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.entity.Member;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.ContentSubmitted;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stores transcript segments: checks who may say what for whom, screens the text as every other text is
 * screened, seals it in a confidential meeting, and stores a segment once per source id (a repeat answers the
 * stored segment, fires nothing). {@link TranscriptStored} then announces it and queues its analysis.
 */
@Stateless
@DatabaseGuarded
public class Transcripts {

    /** Sources a member's page may name; REST is {@code rest}, JMS {@code integration}. */
    private static final Set<String> PAGE_SOURCES = Set.of("typed", "speech");

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Duration LONGEST_SEGMENT = Duration.ofHours(1);
    /** Clocks differ: a segment may start this far in the future, not further. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @Inject
    MemberDirectory directory;

    @Inject
    Sealing sealing;

    @Inject
    Event<ContentSubmitted> contents;

    @Inject
    Event<TranscriptStored> stored;

    /** What a submission did: stored it, or found it stored already under the same id. */
    public record Submitted(TranscriptSegment segment, boolean repeated) {}

    /**
     * A member's segment: their own words, or (secretary, chair) a participant's words they took down.
     *
     * @param channel {@code page} (source typed or speech, as sent) or {@code rest}
     */
    public Submitted submit(MemberIdentity actor, long meetingId, NewSegment segment, String channel, String address) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        boolean organizer = actor.roles().stream().anyMatch(Meetings.ORGANIZERS::contains);
        boolean participant = meetings.isParticipant(meetingId, actor.memberId());
        if (!participant && !organizer) {
            throw new QuorumException(QuorumError.NOT_A_PARTICIPANT);
        }
        long speakerId = actor.memberId();
        String speakerName = actor.displayName();
        if (segment.speaker() != null && !segment.speaker().equals(actor.subject())) {
            if (!organizer) {
                throw new QuorumException(
                        QuorumError.FORBIDDEN, "Only a secretary or chair may take down another participant's words.");
            }
            Member speaker = directory
                    .find(actor.organization(), segment.speaker())
                    .filter(member -> meetings.isParticipant(meetingId, member.getId()))
                    .orElseThrow(() -> new QuorumException(
                            QuorumError.MEMBER_UNKNOWN,
                            "'" + segment.speaker() + "' is not a participant of this meeting."));
            speakerId = speaker.getId();
            speakerName = speaker.getDisplayName();
        }
        String source;
        if ("page".equals(channel)) {
            source = segment.source() == null ? "typed" : segment.source();
            if (!PAGE_SOURCES.contains(source)) {
                throw new QuorumException(QuorumError.INVALID_MESSAGE, "source is typed or speech.");
            }
        } else {
            source = "rest";
        }
        return store(
                Origin.of(actor, address == null ? channel : address),
                meeting,
                speakerId,
                speakerName,
                segment,
                source,
                null,
                actor.memberId());
    }

    /**
     * An integration's segment (an external speech-to-text system): the speaker is a participant's member id
     * or, for someone without an account (a guest speaker), a name as recognised.
     */
    public Submitted fromIntegration(long organizationId, String integration, long meetingId, NewSegment segment) {
        MeetingRef meeting = meetings.byId(meetingId, false);
        if (meeting == null || meeting.organizationId() != organizationId) {
            throw new QuorumException(QuorumError.MEETING_NOT_FOUND);
        }
        Long speakerId = null;
        String speakerName = segment.speaker() == null ? "Unknown speaker" : segment.speaker();
        if (segment.speaker() != null) {
            String organization = (String) em.createNativeQuery("SELECT slug FROM organization WHERE id = ?1")
                    .setParameter(1, organizationId)
                    .getSingleResult();
            var member = directory
                    .find(organization, segment.speaker())
                    .filter(found -> meetings.isParticipant(meetingId, found.getId()));
            if (member.isPresent()) {
                speakerId = member.get().getId();
                speakerName = member.get().getDisplayName();
            }
        }
        return store(
                Origin.quorum(organizationId, "integration:" + integration),
                meeting,
                speakerId,
                speakerName,
                segment,
                "integration",
                integration,
                null);
    }

    private Submitted store(
            Origin origin,
            MeetingRef meeting,
            Long speakerId,
            String speakerName,
            NewSegment segment,
            String source,
            String integration,
            Long submittedBy) {
        Instant now = Instant.now();
        Instant startedAt =
                segment.startedAt() != null ? segment.startedAt() : segment.endedAt() != null ? segment.endedAt() : now;
        Instant endedAt = segment.endedAt() != null ? segment.endedAt() : startedAt.isAfter(now) ? startedAt : now;
        if (endedAt.isBefore(startedAt) || Duration.between(startedAt, endedAt).compareTo(LONGEST_SEGMENT) > 0) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "endedAt is after startedAt, at most an hour later.");
        }
        if (startedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "startedAt is in the future.");
        }
        String language = segment.language() == null ? "en" : segment.language();
        if (!LANGUAGE.matcher(language).matches()) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "language is a language tag such as en or de-CH.");
        }
        BigDecimal confidence = segment.confidence();
        if (confidence != null && (confidence.signum() < 0 || confidence.compareTo(BigDecimal.ONE) > 0)) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "confidence is between 0 and 1.");
        }
        if (segment.agendaItem() != null
                && em.createNativeQuery("SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2")
                        .setParameter(1, segment.agendaItem())
                        .setParameter(2, meeting.id())
                        .getResultList()
                        .isEmpty()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "agendaItem is not an item of this meeting's agenda.");
        }
        TranscriptSegment earlier = byClientId(meeting, segment.id());
        if (earlier != null) {
            return new Submitted(earlier, true);
        }
        ContentSubmitted content =
                new ContentSubmitted(origin, "transcript", meeting.room(), "meeting:" + meeting.id(), segment.text());
        contents.fire(content);
        long id = ((Number) em.createNativeQuery("SELECT nextval('transcript_segment_id_seq')")
                        .getSingleResult())
                .longValue();
        boolean confidential = (Boolean) em.createNativeQuery("SELECT confidential FROM room WHERE id = ?1")
                .setParameter(1, meeting.room())
                .getSingleResult();
        String text = content.text();
        int inserted = em.createNativeQuery(
                        "INSERT INTO transcript_segment (id, organization_id, meeting_id, client_id, "
                                + "agenda_item_id, speaker_member_id, speaker_name, started_at, ended_at, text, language, "
                                + "confidence, source, submitted_by, integration) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                + "?11, ?12, ?13, ?14, ?15) ON CONFLICT (meeting_id, client_id) DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, meeting.organizationId())
                .setParameter(3, meeting.id())
                .setParameter(4, segment.id())
                .setParameter(5, segment.agendaItem())
                .setParameter(6, speakerId)
                .setParameter(7, speakerName)
                .setParameter(8, Timestamp.from(startedAt))
                .setParameter(9, Timestamp.from(endedAt))
                .setParameter(
                        10,
                        confidential
                                ? sealing.sealText(meeting.organizationId(), SealedPlaces.transcriptSegment(id), text)
                                : text)
                .setParameter(11, language)
                .setParameter(12, confidence)
                .setParameter(13, source)
                .setParameter(14, submittedBy)
                .setParameter(15, integration)
                .executeUpdate();
        if (inserted == 0) {
            // the same id, sent twice at once: the other one stored it
            return new Submitted(byClientId(meeting, segment.id()), true);
        }
        TranscriptSegment saved = byId(meeting, id);
        stored.fire(new TranscriptStored(origin, meeting.organizationId(), meeting.room(), saved));
        return new Submitted(saved, false);
    }

    /**
     * A meeting's segments in the order they were spoken, after {@code afterId} (0 from the start), containing
     * every word of {@code query} when one is given (case-insensitive; sealed texts are searched opened).
     */
    @SuppressWarnings("unchecked")
    public List<TranscriptSegment> list(MemberIdentity actor, long meetingId, String query, long afterId, int limit) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        List<String> words = query == null || query.isBlank()
                ? List.of()
                : Arrays.stream(query.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                        .limit(8)
                        .toList();
        StringBuilder sql = new StringBuilder(SELECT + " WHERE s.meeting_id = ?1 AND s.id > ?2");
        for (int i = 0; i < words.size(); i++) {
            sql.append(" AND (s.text LIKE 'sealed:%' OR s.text ILIKE ?")
                    .append(i + 3)
                    .append(" ESCAPE '\\')");
        }
        sql.append(" ORDER BY s.started_at, s.id");
        var select =
                em.createNativeQuery(sql.toString()).setParameter(1, meetingId).setParameter(2, afterId);
        for (int i = 0; i < words.size(); i++) {
            select.setParameter(
                    i + 3,
                    "%" + words.get(i).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        List<TranscriptSegment> found = new ArrayList<>();
        int wanted = Math.max(1, Math.min(MAX_PAGE, limit));
        for (Object[] row : (List<Object[]>) select.getResultList()) {
            TranscriptSegment segment = segment(meeting, row);
            String text = segment.text().toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(text::contains)) {
                found.add(segment);
                if (found.size() == wanted) {
                    break;
                }
            }
        }
        return found;
    }

    /** The latest {@code limit} segments of a meeting (or of one agenda item), in the order spoken, opened. */
    @SuppressWarnings("unchecked")
    public List<TranscriptSegment> latest(MeetingRef meeting, Long agendaItem, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT * FROM (" + SELECT + " WHERE s.meeting_id = ?1"
                        + (agendaItem == null ? "" : " AND s.agenda_item_id = ?3")
                        + " ORDER BY s.started_at DESC, s.id DESC LIMIT ?2) latest ORDER BY started_at, id")
                .setParameter(1, meeting.id())
                .setParameter(2, limit)
                .setParameter(3, agendaItem == null ? 0L : agendaItem)
                .getResultList();
        return rows.stream().map(row -> segment(meeting, row)).toList();
    }

    private static final String SELECT = "SELECT s.id, s.meeting_id, s.client_id, s.agenda_item_id, m.subject, "
            + "s.speaker_name, s.started_at, s.ended_at, s.text, s.language, s.confidence, s.source, s.integration, "
            + "s.created_at FROM transcript_segment s LEFT JOIN member m ON m.id = s.speaker_member_id";

    private TranscriptSegment byClientId(MeetingRef meeting, String clientId) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE s.meeting_id = ?1 AND s.client_id = ?2")
                .setParameter(1, meeting.id())
                .setParameter(2, clientId)
                .getResultList();
        return rows.isEmpty() ? null : segment(meeting, (Object[]) rows.get(0));
    }

    /** A segment of the meeting, opened; null when there is none. */
    public TranscriptSegment byId(MeetingRef meeting, long id) {
        List<?> rows = em.createNativeQuery(SELECT + " WHERE s.meeting_id = ?1 AND s.id = ?2")
                .setParameter(1, meeting.id())
                .setParameter(2, id)
                .getResultList();
        return rows.isEmpty() ? null : segment(meeting, (Object[]) rows.get(0));
    }

    private TranscriptSegment segment(MeetingRef meeting, Object[] row) {
        long id = ((Number) row[0]).longValue();
        return new TranscriptSegment(
                id,
                ((Number) row[1]).longValue(),
                (String) row[2],
                row[3] == null ? null : ((Number) row[3]).longValue(),
                (String) row[4],
                (String) row[5],
                Columns.instant(row[6]),
                Columns.instant(row[7]),
                sealing.openText(meeting.organizationId(), SealedPlaces.transcriptSegment(id), (String) row[8]),
                (String) row[9],
                (BigDecimal) row[10],
                (String) row[11],
                (String) row[12],
                Columns.instant(row[13]));
    }
}
