package dev.quorum.transcript.control;

import dev.quorum.platform.control.Fields;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A transcript segment as a source sends it, validated at the edge. {@code id} is the source's own id for it
 * (sending it again stores nothing new); the speaker is a participant's member id (the sender when absent);
 * times default to now.
 */
public record NewSegment(
        String id,
        String speaker,
        Instant startedAt,
        Instant endedAt,
        String text,
        String language,
        BigDecimal confidence,
        String source,
        Long agendaItem) {

    public static final int MAX_TEXT = 5_000;

    public static NewSegment decode(Fields fields) {
        return new NewSegment(
                fields.text("id", 100),
                fields.optionalText("speaker", 200),
                fields.optionalInstant("startedAt"),
                fields.optionalInstant("endedAt"),
                fields.text("text", MAX_TEXT),
                fields.optionalText("language", 20),
                fields.optionalDecimal("confidence"),
                fields.optionalText("source", 20),
                fields.optionalId("agendaItem"));
    }
}
