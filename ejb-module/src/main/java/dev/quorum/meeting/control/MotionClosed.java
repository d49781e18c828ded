package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Motions.Closed;
import dev.quorum.platform.control.Origin;
import java.util.LinkedHashMap;
import java.util.Map;

/** A motion's vote closed, by the chair or at its deadline; its decision minute is written. */
public record MotionClosed(Origin origin, Closed closed, boolean atDeadline) implements AuditedEvent {

    @Override
    public String action() {
        return "motion.close";
    }

    @Override
    public String target() {
        return "motion:" + closed.motion().id();
    }

    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", closed.motion().outcome());
        if (atDeadline) {
            detail.put("closedBy", "deadline");
        }
        return detail;
    }
}
