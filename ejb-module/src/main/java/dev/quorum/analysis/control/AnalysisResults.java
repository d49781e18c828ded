package dev.quorum.analysis.control;

import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Columns;
import dev.quorum.platform.control.DatabaseGuarded;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A meeting's analysis as its page and REST show it: jobs by state, sentiment trends, insights, summaries. */
@Stateless
@DatabaseGuarded
public class AnalysisResults {

    private static final int LATEST = 500;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    AnalysisJobs jobs;

    @Inject
    Sealing sealing;

    public record SpeakerSentiment(String speaker, BigDecimal score, long segments) {}

    public record Found(
            long id,
            long job,
            Long segment,
            String kind,
            String text,
            String speaker,
            String owner,
            LocalDate dueOn,
            Instant at) {}

    public record MeetingAnalysis(
            Map<String, Long> jobs,
            BigDecimal sentiment,
            List<SpeakerSentiment> speakers,
            List<Found> insights,
            List<Found> summaries) {}

    @SuppressWarnings("unchecked")
    public MeetingAnalysis of(MemberIdentity actor, long meetingId) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        List<Object[]> speakers = em.createNativeQuery(
                        "SELECT s.speaker_name, avg(r.score), count(*) FROM analysis_result r "
                                + "JOIN transcript_segment s ON s.id = r.segment_id WHERE r.meeting_id = ?1 AND r.kind = 'sentiment' "
                                + "GROUP BY s.speaker_name ORDER BY s.speaker_name")
                .setParameter(1, meetingId)
                .getResultList();
        Number overall = (Number) em.createNativeQuery(
                        "SELECT avg(score) FROM analysis_result WHERE meeting_id = ?1 " + "AND kind = 'sentiment'")
                .setParameter(1, meetingId)
                .getSingleResult();
        return new MeetingAnalysis(
                jobs.countsByStatus(meetingId),
                overall == null ? BigDecimal.ZERO : scaled(overall),
                speakers.stream()
                        .map(row -> new SpeakerSentiment(
                                (String) row[0], scaled((Number) row[1]), ((Number) row[2]).longValue()))
                        .toList(),
                found(meeting, "r.kind IN ('action_item', 'decision', 'risk', 'question')"),
                found(meeting, "r.kind = 'summary'"));
    }

    @SuppressWarnings("unchecked")
    private List<Found> found(MeetingRef meeting, String kinds) {
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT r.id, r.job_id, r.segment_id, r.kind, r.text, s.speaker_name, "
                                + "r.owner, r.due_on, r.created_at FROM analysis_result r LEFT JOIN transcript_segment s "
                                + "ON s.id = r.segment_id WHERE r.meeting_id = ?1 AND " + kinds
                                + " ORDER BY r.id DESC LIMIT ?2")
                .setParameter(1, meeting.id())
                .setParameter(2, LATEST)
                .getResultList();
        java.util.Collections.reverse(rows); // the latest, oldest first
        return rows.stream()
                .map(row -> {
                    long id = ((Number) row[0]).longValue();
                    return new Found(
                            id,
                            ((Number) row[1]).longValue(),
                            row[2] == null ? null : ((Number) row[2]).longValue(),
                            (String) row[3],
                            sealing.openText(
                                    meeting.organizationId(), SealedPlaces.analysisResult(id), (String) row[4]),
                            (String) row[5],
                            (String) row[6],
                            row[7] == null ? null : ((java.sql.Date) row[7]).toLocalDate(),
                            Columns.instant(row[8]));
                })
                .toList();
    }

    private static BigDecimal scaled(Number value) {
        return BigDecimal.valueOf(value.doubleValue()).setScale(3, java.math.RoundingMode.HALF_UP);
    }
}
