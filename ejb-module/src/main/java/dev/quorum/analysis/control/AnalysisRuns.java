package dev.quorum.analysis.control;

import dev.quorum.encryption.control.SealedPlaces;
import dev.quorum.encryption.control.Sealing;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import dev.quorum.transcript.control.TranscriptSegment;
import dev.quorum.transcript.control.Transcripts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs one job, in the consumer's transaction (the message is consumed if and only if the results commit):
 * a job already done is not run again, so a redelivered message never stores or announces anything twice.
 * Results are stored (sealed in a confidential meeting) and streamed to the meeting's room as
 * {@code analysis.*} messages: sentiment and status at low priority, insights and summaries at normal.
 */
@Stateless
@DatabaseGuarded
public class AnalysisRuns {

    private static final Logger LOG = Logger.getLogger(AnalysisRuns.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();
    /** Sentiment trends: the speaker's last ten segments, the meeting's last twenty. */
    private static final int SPEAKER_WINDOW = 10;

    private static final int MEETING_WINDOW = 20;
    private static final int SUMMARY_INPUT = 2_000;

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    Transcripts transcripts;

    @Inject
    AnalysisEngines engines;

    @Inject
    Sealing sealing;

    @Inject
    MessageLog log;

    /** Which engine answered (the remote one may have fallen back to the local one), and how many results. */
    private record Ran(String engine, int results) {}

    private record Job(long id, long organization, long meeting, String kind, long subject, String status) {}

    public void run(long jobId) {
        Job job = locked(jobId);
        if (job == null) {
            LOG.fine("Analysis job " + jobId + " no longer exists (its meeting was deleted); its message is dropped.");
            return;
        }
        if ("done".equals(job.status()) || "failed".equals(job.status())) {
            return; // a redelivery of a job that finished
        }
        MeetingRef meeting = meetings.byId(job.meeting(), false);
        boolean confidential = confidential(meeting);
        AnalysisEngine engine = engines.engine(meeting.organizationId(), confidential);
        Ran ran =
                switch (job.kind()) {
                    case "segment" -> segment(job, meeting, engine, confidential);
                    default -> summary(job, meeting, engine, confidential);
                };
        em.createNativeQuery("UPDATE analysis_job SET status = 'done', attempts = attempts + 1, engine = ?1, "
                        + "error = NULL, finished_at = now() WHERE id = ?2")
                .setParameter(1, ran.engine())
                .setParameter(2, job.id())
                .executeUpdate();
        Map<String, Object> status = status(job, "done");
        status.put("engine", ran.engine());
        status.put("results", ran.results());
        publish(meeting, job, "status", Priority.LOW, status);
    }

    /**
     * An attempt failed. Recorded in a transaction of its own (the attempt's rolls back, so the broker delivers
     * the message again); after the last attempt the job is failed and its message goes to the dead-letter queue.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(long jobId, int attempt, boolean last, String reason) {
        Job job = locked(jobId);
        if (job == null || "done".equals(job.status())) {
            return;
        }
        String error = reason.length() > 500 ? reason.substring(0, 500) : reason;
        em.createNativeQuery("UPDATE analysis_job SET attempts = ?1, error = ?2, status = CASE WHEN ?3 THEN 'failed' "
                        + "ELSE status END, finished_at = CASE WHEN ?3 THEN now() END WHERE id = ?4")
                .setParameter(1, attempt)
                .setParameter(2, error)
                .setParameter(3, last)
                .setParameter(4, jobId)
                .executeUpdate();
        Map<String, Object> status = status(job, last ? "failed" : "retrying");
        status.put("attempts", attempt);
        status.put("error", "The analysis failed" + (last ? "; it will not be tried again." : "; it is tried again."));
        publish(meetings.byId(job.meeting(), false), job, "status:" + attempt, Priority.LOW, status);
    }

    private Ran segment(Job job, MeetingRef meeting, AnalysisEngine engine, boolean confidential) {
        TranscriptSegment segment = transcripts.byId(meeting, job.subject());
        if (segment == null) {
            return new Ran("none", 0);
        }
        List<String> participants = meetings.participants(meeting.id()).stream()
                .map(Meetings.Participant::displayName)
                .toList();
        SegmentAnalysis analysis = engine.analyze(new Spoken(
                segment.speakerName(),
                segment.text(),
                LocalDate.ofInstant(segment.startedAt(), ZoneOffset.UTC),
                participants));
        Sentiment sentiment = analysis.sentiment();
        store(
                job,
                meeting,
                segment.id(),
                "sentiment",
                0,
                sentiment.label(),
                sentiment.score(),
                null,
                null,
                null,
                confidential);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", job.id());
        data.put("segment", segment.id());
        data.put("speaker", segment.speakerName());
        data.put("label", sentiment.label());
        data.put("score", round(sentiment.score()));
        data.put("speakerTrend", trend(meeting, segment.speakerName(), SPEAKER_WINDOW));
        data.put("meetingTrend", trend(meeting, null, MEETING_WINDOW));
        publish(meeting, job, "sentiment", Priority.LOW, data);
        int position = 0;
        for (Insight insight : analysis.insights()) {
            position++;
            store(
                    job,
                    meeting,
                    segment.id(),
                    insight.kind().wireName(),
                    position,
                    null,
                    null,
                    insight.text(),
                    insight.owner(),
                    insight.dueOn(),
                    confidential);
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("job", job.id());
            found.put("segment", segment.id());
            found.put("kind", insight.kind().wireName());
            found.put("text", insight.text());
            found.put("speaker", segment.speakerName());
            if (insight.owner() != null) {
                found.put("owner", insight.owner());
            }
            if (insight.dueOn() != null) {
                found.put("dueOn", insight.dueOn().toString());
            }
            publish(meeting, job, "insight:" + position, Priority.NORMAL, found);
        }
        return new Ran(analysis.engine(), 1 + position);
    }

    private Ran summary(Job job, MeetingRef meeting, AnalysisEngine engine, boolean confidential) {
        Long agendaItem = "agenda_item".equals(job.kind()) ? job.subject() : null;
        List<Spoken> spoken = transcripts.latest(meeting, agendaItem, SUMMARY_INPUT).stream()
                .map(segment -> new Spoken(
                        segment.speakerName(),
                        segment.text(),
                        LocalDate.ofInstant(segment.startedAt(), ZoneOffset.UTC),
                        List.of()))
                .toList();
        Summary written = engine.summarize(spoken);
        String summary = written.text();
        store(job, meeting, null, "summary", 0, null, null, summary, null, null, confidential);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", job.id());
        data.put("scope", job.kind());
        if (agendaItem != null) {
            data.put("agendaItem", agendaItem);
        }
        data.put("segments", spoken.size());
        data.put("text", summary);
        publish(meeting, job, "summary", Priority.NORMAL, data);
        return new Ran(written.engine(), 1);
    }

    private void store(
            Job job,
            MeetingRef meeting,
            Long segment,
            String kind,
            int position,
            String label,
            Double score,
            String text,
            String owner,
            LocalDate dueOn,
            boolean confidential) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('analysis_result_id_seq')")
                        .getSingleResult())
                .longValue();
        em.createNativeQuery("INSERT INTO analysis_result (id, job_id, meeting_id, segment_id, kind, position, label, "
                        + "score, text, owner, due_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                .setParameter(1, id)
                .setParameter(2, job.id())
                .setParameter(3, meeting.id())
                .setParameter(4, segment)
                .setParameter(5, kind)
                .setParameter(6, position)
                .setParameter(7, label)
                .setParameter(8, score == null ? null : round(score))
                .setParameter(
                        9,
                        text == null || !confidential
                                ? text
                                : sealing.sealText(meeting.organizationId(), SealedPlaces.analysisResult(id), text))
                .setParameter(10, owner)
                .setParameter(11, dueOn == null ? null : Date.valueOf(dueOn))
                .executeUpdate();
    }

    /** The average sentiment of the last segments (of one speaker, or all), this one included. */
    private BigDecimal trend(MeetingRef meeting, String speaker, int window) {
        Number average = (Number) em.createNativeQuery("SELECT avg(score) FROM (SELECT r.score FROM analysis_result r "
                        + "JOIN transcript_segment s ON s.id = r.segment_id WHERE r.meeting_id = ?1 AND r.kind = 'sentiment'"
                        + (speaker == null ? "" : " AND s.speaker_name = ?3")
                        + " ORDER BY s.started_at DESC, s.id DESC LIMIT ?2) w")
                .setParameter(1, meeting.id())
                .setParameter(2, window)
                .setParameter(3, speaker == null ? "" : speaker)
                .getSingleResult();
        return average == null ? BigDecimal.ZERO : round(average.doubleValue());
    }

    private void publish(MeetingRef meeting, Job job, String part, Priority priority, Object data) {
        // the client id makes the message once per job and part, whatever happens to the job
        String type = "analysis." + part.split(":")[0];
        log.append(meeting.room(), 0, "analysis:" + job.id() + ":" + part, priority, type, JSONB.toJson(data));
    }

    private static Map<String, Object> status(Job job, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job", job.id());
        data.put("kind", job.kind());
        data.put("subject", job.subject());
        data.put("status", status);
        return data;
    }

    private boolean confidential(MeetingRef meeting) {
        return (Boolean) em.createNativeQuery("SELECT confidential FROM room WHERE id = ?1")
                .setParameter(1, meeting.room())
                .getSingleResult();
    }

    private Job locked(long jobId) {
        List<?> rows = em.createNativeQuery("SELECT id, organization_id, meeting_id, kind, subject_id, status "
                        + "FROM analysis_job WHERE id = ?1 FOR UPDATE")
                .setParameter(1, jobId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new Job(
                ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(),
                (String) row[3],
                ((Number) row[4]).longValue(),
                (String) row[5]);
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
