package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.room.control.RoomAccess;
import dev.quorum.routing.control.Audience;
import dev.quorum.routing.control.MessageLog;
import dev.quorum.routing.control.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The meeting's live events as messages of its room, written in the transaction of the change itself:
 * sequenced and persisted like chat, so a reconnecting client resumes them, a crash loses none, and the
 * room's order is the order in which the changes were decided (quorum messages included).
 */
@ApplicationScoped
public class MeetingAnnouncements {

    @Inject
    MessageLog log;

    @Inject
    RoomAccess rooms;

    void attendance(@Observes AttendanceChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", changed.attendance().meeting().id());
        data.put("member", changed.attendance().participant());
        publish(
                changed.attendance().meeting(),
                changed.origin().actorMemberId(),
                Priority.NORMAL,
                "meeting.attendance",
                data);
    }

    /** The quorum now; a loss is critical: the chair must know at once that decisions are no longer valid. */
    void quorum(@Observes QuorumChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", changed.meeting().id());
        data.put("quorum", changed.quorum());
        data.put("lost", changed.lost());
        publish(
                changed.meeting(),
                changed.origin().actorMemberId(),
                changed.lost() ? Priority.CRITICAL : Priority.HIGH,
                "meeting.quorum",
                data);
    }

    void started(@Observes MeetingStarted started) {
        publish(
                started.meeting(),
                started.origin().actorMemberId(),
                Priority.HIGH,
                "meeting.status",
                Map.of("meeting", started.meeting()));
    }

    void adjourned(@Observes MeetingAdjourned adjourned) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", adjourned.meeting());
        data.put("lapsed", adjourned.lapsed());
        publish(adjourned.meeting(), adjourned.origin().actorMemberId(), Priority.HIGH, "meeting.status", data);
    }

    void agendaItemClosed(@Observes AgendaItemClosed closed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", closed.meeting().id());
        data.put("item", closed.item());
        publish(closed.meeting(), closed.origin().actorMemberId(), Priority.NORMAL, "meeting.agenda", data);
    }

    void motion(@Observes MotionChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", changed.changed().motion());
        data.put("tally", changed.changed().tally());
        publish(changed.changed().meeting(), changed.origin().actorMemberId(), Priority.HIGH, "motion.changed", data);
    }

    void closed(@Observes MotionClosed closed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("motion", closed.closed().motion());
        data.put("tally", closed.closed().tally());
        data.put("quorum", closed.closed().quorum());
        data.put("minute", closed.closed().minute());
        publish(closed.closed().meeting(), closed.origin().actorMemberId(), Priority.HIGH, "motion.closed", data);
    }

    /** The director for whom the secretary entered a vote hears of it on every device, as a direct message. */
    void assistedVote(@Observes VoteRecorded recorded) {
        VoteResult vote = recorded.vote();
        if (!"assisted".equals(vote.via())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting", vote.meeting().id());
        data.put("motion", vote.motion().id());
        data.put("title", vote.motion().title());
        data.put("choice", vote.choice());
        data.put("enteredBy", recorded.origin().actor());
        long room = rooms.directRoom(
                vote.meeting().organizationId(),
                recorded.origin().actorMemberId(),
                recorded.origin().actor(),
                vote.voterId(),
                vote.voter());
        log.append(
                room,
                recorded.origin().actorMemberId(),
                UUID.randomUUID().toString(),
                Priority.HIGH,
                "vote.assisted",
                MeetingJson.JSONB.toJson(data),
                Audience.direct(
                        vote.meeting().organizationId(),
                        Set.of(recorded.origin().actor(), vote.voter())),
                System.nanoTime());
    }

    private void publish(MeetingRef meeting, long senderId, Priority priority, String type, Object data) {
        log.append(
                meeting.room(), senderId, UUID.randomUUID().toString(), priority, type, MeetingJson.JSONB.toJson(data));
    }
}
