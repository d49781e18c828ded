package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Motions.VoteResult;
import dev.quorum.platform.control.Origin;
import java.util.LinkedHashMap;
import java.util.Map;

/** A vote was recorded (or changed): by the voter, their proxy, or the secretary for a director. */
public record VoteRecorded(Origin origin, VoteResult vote) implements AuditedEvent {

    @Override
    public String action() {
        return "vote." + vote.via();
    }

    @Override
    public String target() {
        return "motion:" + vote.motion().id();
    }

    /** A secret ballot's choice never reaches the audit trail or any log: only its voter learns it. */
    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("voter", vote.voter());
        detail.put("via", vote.via());
        if (!vote.motion().secret()) {
            detail.put("choice", vote.choice());
            if (vote.changedFrom() != null) {
                detail.put("changedFrom", vote.changedFrom());
            }
        } else if (vote.changedFrom() != null) {
            detail.put("changed", true); // that a secret ballot changed, never from what
        }
        return detail;
    }
}
