package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import dev.quorum.platform.control.Origin;
import java.util.List;
import java.util.Map;

/**
 * The chair adjourned the meeting: its end time is recorded, motions still pending lapsed, and agenda items
 * still open were closed with it.
 */
public record MeetingAdjourned(Origin origin, MeetingRef meeting, List<MotionView> lapsed, List<AgendaItem> closedItems)
        implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.adjourn";
    }

    @Override
    public String target() {
        return "meeting:" + meeting.id();
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of(
                "endedAt",
                meeting.endedAt().toString(),
                "lapsedMotions",
                lapsed.stream().map(MotionView::id).toList());
    }
}
