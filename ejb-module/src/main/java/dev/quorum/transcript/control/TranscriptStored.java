package dev.quorum.transcript.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.LinkedHashMap;
import java.util.Map;

/** A segment was stored (not a repeat of one already stored); fired in the transaction that stored it. */
public record TranscriptStored(Origin origin, long organizationId, long meetingRoom, TranscriptSegment segment)
        implements AuditedEvent {

    @Override
    public String action() {
        return "transcript.segment";
    }

    @Override
    public String target() {
        return "meeting:" + segment.meeting();
    }

    /** Who spoke and from where; never the text, which the meeting's record keeps. */
    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("segment", segment.id());
        detail.put("speaker", segment.speaker() == null ? segment.speakerName() : segment.speaker());
        detail.put("source", segment.source());
        if (segment.integration() != null) {
            detail.put("integration", segment.integration());
        }
        return detail;
    }
}
