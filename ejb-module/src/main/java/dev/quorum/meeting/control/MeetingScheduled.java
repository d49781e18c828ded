package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** A secretary or chair scheduled a meeting. */
public record MeetingScheduled(Origin origin, MeetingRef meeting) implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.create";
    }

    @Override
    public String target() {
        return "meeting:" + meeting.id();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("title", meeting.title(), "kind", meeting.kind());
    }
}
