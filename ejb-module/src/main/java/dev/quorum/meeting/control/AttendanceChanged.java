package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Meetings.Attendance;
import dev.quorum.platform.control.Origin;

/** A participant checked in or out; carries the quorum computed under the meeting's lock. */
public record AttendanceChanged(Origin origin, Attendance attendance, boolean present) implements AuditedEvent {

    @Override
    public String action() {
        return present ? "meeting.checkin" : "meeting.checkout";
    }

    @Override
    public String target() {
        return "meeting:" + attendance.meeting().id();
    }
}
