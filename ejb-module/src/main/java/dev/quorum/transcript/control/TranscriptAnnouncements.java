package dev.quorum.transcript.control;

import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * A stored segment as a {@code transcript} message of the meeting's room, in the transaction that stored it:
 * sequenced and resumable like the meeting's other messages, sealed in a confidential meeting.
 */
@ApplicationScoped
public class TranscriptAnnouncements {

    static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    MessageLog log;

    void stored(@Observes TranscriptStored stored) {
        log.append(
                stored.meetingRoom(),
                stored.origin().actorMemberId(),
                "transcript:" + stored.segment().id(),
                Priority.NORMAL,
                "transcript",
                JSONB.toJson(stored.segment()));
    }
}
