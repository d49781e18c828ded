package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Meetings.MeetingRef;
import dev.quorum.meeting.entity.QuorumRule;
import dev.quorum.platform.control.Origin;

/**
 * The meeting's quorum was evaluated again (attendance or a proxy changed it), under the meeting's row
 * lock: announced in the same transaction, so the room's newest quorum message is always the latest.
 */
public record QuorumChanged(Origin origin, MeetingRef meeting, QuorumRule.Status quorum, boolean lost) {}
