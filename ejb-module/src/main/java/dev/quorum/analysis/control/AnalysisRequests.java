package dev.quorum.analysis.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.meeting.control.Meetings;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Summaries on request: of a whole meeting or of one agenda item, asked for by its secretary or chair. */
@Stateless
@DatabaseGuarded
public class AnalysisRequests {

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @EJB
    Meetings meetings;

    @EJB
    AnalysisJobs jobs;

    @Inject
    Event<SummaryRequested> requested;

    /** A summary is asked for; the relay sends it once this commits. */
    public record SummaryRequested(long meeting) {}

    /** Queues a summary; answers the job's id. */
    public long summarize(MemberIdentity actor, long meetingId, Long agendaItem) {
        MeetingRef meeting = meetings.meeting(actor, meetingId);
        if (actor.roles().stream().noneMatch(Meetings.ORGANIZERS::contains)) {
            throw new QuorumException(QuorumError.FORBIDDEN, "Only a secretary or chair may ask for a summary.");
        }
        if (agendaItem != null
                && em.createNativeQuery("SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2")
                        .setParameter(1, agendaItem)
                        .setParameter(2, meetingId)
                        .getResultList()
                        .isEmpty()) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "agendaItem is not an item of this meeting's agenda.");
        }
        Long job = jobs.enqueue(
                meeting.organizationId(),
                meetingId,
                agendaItem == null ? "meeting" : "agenda_item",
                agendaItem == null ? meetingId : agendaItem);
        requested.fire(new SummaryRequested(meetingId));
        return job;
    }
}
