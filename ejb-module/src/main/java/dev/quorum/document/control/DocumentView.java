package dev.quorum.document.control;

import dev.quorum.document.entity.Document;
import java.time.Instant;

/** What a client sees of a document; the text only where asked for. */
public record DocumentView(
        long id,
        String title,
        String kind,
        String status,
        boolean archived,
        long room,
        Long meeting,
        Long agendaItem,
        long revision,
        Instant updatedAt,
        String content) {

    static DocumentView of(Document document, boolean withContent) {
        return new DocumentView(
                document.getId(),
                document.getTitle(),
                document.getKind().wireName(),
                document.getStatus().wireName(),
                document.isArchived(),
                document.getRoomId(),
                document.getMeetingId(),
                document.getAgendaItemId(),
                document.getRevision(),
                document.getUpdatedAt(),
                withContent ? document.getContent() : null);
    }
}
