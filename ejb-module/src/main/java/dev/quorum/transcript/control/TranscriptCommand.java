package dev.quorum.transcript.control;

import dev.quorum.platform.control.Fields;

/** {@code transcript.submit}: a segment for a meeting, from its page. */
public record TranscriptCommand(long meeting, NewSegment segment) {

    public static TranscriptCommand decode(Fields fields) {
        return new TranscriptCommand(fields.id("meeting"), NewSegment.decode(fields));
    }
}
