package dev.quorum.minutes.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** The minutes were approved: locked from now on, their text as approved kept. */
public record MinutesApproved(Origin origin, long meeting, String sha256) implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.minutes.approve";
    }

    @Override
    public String target() {
        return "meeting:" + meeting;
    }

    /** The approved text's digest: the audit chain then vouches for the document of record. */
    @Override
    public Map<String, Object> detail() {
        return Map.of("sha256", sha256);
    }
}
