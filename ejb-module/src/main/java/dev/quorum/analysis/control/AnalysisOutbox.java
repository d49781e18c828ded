package dev.quorum.analysis.control;

import dev.quorum.meeting.control.AgendaItemClosed;
import dev.quorum.meeting.control.MeetingAdjourned;
import dev.quorum.transcript.control.TranscriptStored;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Analysis jobs written in the transaction of what they analyse: a stored segment, a closed agenda item, an
 * adjourned meeting; once that commits the relay is nudged to send them at once rather than at its next sweep.
 */
@ApplicationScoped
public class AnalysisOutbox {

    @EJB
    AnalysisJobs jobs;

    @EJB
    AnalysisRelay relay;

    void segment(@Observes TranscriptStored stored) {
        jobs.enqueue(
                stored.organizationId(),
                stored.segment().meeting(),
                "segment",
                stored.segment().id());
    }

    /** A closed agenda item is summarized as the meeting moves on. */
    void agendaItem(@Observes AgendaItemClosed closed) {
        jobs.enqueue(
                closed.meeting().organizationId(),
                closed.meeting().id(),
                "agenda_item",
                closed.item().id());
    }

    /** An adjourned meeting is summarized, and so is every agenda item the adjournment closed. */
    void adjourned(@Observes MeetingAdjourned adjourned) {
        long organization = adjourned.meeting().organizationId();
        long meeting = adjourned.meeting().id();
        adjourned.closedItems().forEach(item -> jobs.enqueue(organization, meeting, "agenda_item", item.id()));
        jobs.enqueue(organization, meeting, "meeting", meeting);
    }

    void relayAgendaItemAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgendaItemClosed closed) {
        relay.nudge();
    }

    void relayAdjournedAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MeetingAdjourned adjourned) {
        relay.nudge();
    }

    void relayAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranscriptStored stored) {
        relay.nudge();
    }

    void relaySummaryAfterCommit(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) AnalysisRequests.SummaryRequested requested) {
        relay.nudge();
    }
}
