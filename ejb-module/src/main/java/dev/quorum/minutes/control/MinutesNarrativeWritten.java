package dev.quorum.minutes.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.platform.control.Origin;
import java.util.LinkedHashMap;
import java.util.Map;

/** The secretary (or chair) wrote the narrative of an agenda item, or of the minutes' opening (item null). */
public record MinutesNarrativeWritten(Origin origin, long meeting, Long agendaItem, int length)
        implements AuditedEvent {

    @Override
    public String action() {
        return "meeting.minutes.narrative";
    }

    @Override
    public String target() {
        return "meeting:" + meeting;
    }

    /** How much was written, never what: the minutes may be confidential. */
    @Override
    public Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("agendaItem", agendaItem == null ? "opening" : agendaItem);
        detail.put("length", length);
        return detail;
    }
}
