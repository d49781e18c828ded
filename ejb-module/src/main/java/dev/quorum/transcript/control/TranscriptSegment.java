package dev.quorum.transcript.control;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored segment as readers see it: the speaker by member id and display name, the text opened. */
public record TranscriptSegment(
        long id,
        long meeting,
        String clientId,
        Long agendaItem,
        String speaker,
        String speakerName,
        Instant startedAt,
        Instant endedAt,
        String text,
        String language,
        BigDecimal confidence,
        String source,
        String integration,
        Instant createdAt) {}
