package dev.quorum.minutes.control;

import dev.quorum.meeting.control.Meetings.AgendaItem;
import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.control.Motions.MotionView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Everything the minutes of one meeting are assembled from, as read in one transaction. */
public record MinutesRecord(
        MeetingRef meeting,
        List<Attendee> attendance,
        List<QuorumChange> quorumChanges,
        String opening,
        List<Item> items,
        List<Motion> otherBusiness,
        Approval approval) {

    /** A participant and each time they were present: arrivals and departures, in order. */
    public record Attendee(String member, String displayName, BigDecimal weight, List<Presence> presence) {}

    /** From arrival to departure; {@code left} null when they stayed to the end. */
    public record Presence(Instant arrived, Instant left) {}

    public record QuorumChange(Instant at, boolean met, BigDecimal present, BigDecimal required, String unit) {}

    /** An agenda item with the secretary's narrative (null: none yet) and the motions proposed under it. */
    public record Item(AgendaItem item, String narrative, List<Motion> motions) {}

    /** A motion and, once it closed, its decision minute. */
    public record Motion(MotionView motion, String decisionMinute) {}

    public record Approval(String approvedBy, Instant approvedAt) {}
}
