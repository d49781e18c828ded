package dev.quorum.document.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** A document was created, renamed, moved to another status, restored to an old revision or archived. */
public record DocumentChanged(Origin origin, long documentId, String action, Map<String, Object> detail)
        implements AuditedEvent {

    @Override
    public String target() {
        return "document:" + documentId;
    }
}
