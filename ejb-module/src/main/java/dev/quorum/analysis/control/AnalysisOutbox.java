package dev.quorum.analysis.control;

import dev.quorum.transcript.control.TranscriptStored;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * A stored segment's analysis job, written in the transaction that stored the segment; once that commits the
 * relay is nudged to send it at once rather than at its next sweep.
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

    void relayAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) TranscriptStored stored) {
        relay.nudge();
    }

    void relaySummaryAfterCommit(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) AnalysisRequests.SummaryRequested requested) {
        relay.nudge();
    }
}
