package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** The chair opened the meeting: it is in session, its start time recorded. */
public record MeetingStarted(Origin origin, MeetingRef meeting) implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.start";
    }

    @Override
    public String target() {
        return "meeting:" + meeting.id();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("startedAt", meeting.startedAt().toString());
    }
}
