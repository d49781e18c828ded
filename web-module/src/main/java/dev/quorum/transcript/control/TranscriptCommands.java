package dev.quorum.transcript.control;

import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.OutboundMessages;
import dev.quorum.delivery.control.OutboundMessages.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code transcript.submit} over the WebSocket: one call on {@link Transcripts}; answers the stored segment. */
@ApplicationScoped
public class TranscriptCommands {

    @Inject
    Transcripts transcripts;

    public void submit(LiveConnection connection, String replyTo, TranscriptCommand command, String source) {
        Transcripts.Submitted submitted =
                transcripts.submit(connection.identity(), command.meeting(), command.segment(), "page", source);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("segment", submitted.segment());
        answer.put("repeated", submitted.repeated());
        connection.sendControl(OutboundMessages.encode(new Envelope("transcript.stored", replyTo, answer)));
    }
}
