package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** The chair closed an agenda item and the meeting moved on. */
public record AgendaItemClosed(Origin origin, MeetingRef meeting, AgendaItem item) implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.agenda_item.close";
    }

    @Override
    public String target() {
        return "agenda_item:" + item.id();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("meeting", meeting.id(), "title", item.title());
    }
}
