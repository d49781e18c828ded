package dev.quorum.document.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/**
 * A comment thread was started, replied to, reworded, resolved or reopened. {@code text} is the comment's
 * new wording (null for resolve and reopen): observers that check content read it; the audit trail keeps
 * only the detail.
 */
public record CommentChanged(
        Origin origin, long documentId, long threadId, String action, String text, Map<String, Object> detail)
        implements AuditedEvent {

    @Override
    public String target() {
        return "comment-thread:" + threadId;
    }
}
