package dev.quorum.document.control;

import java.time.Instant;
import java.util.List;

/**
 * A comment thread as clients see it: its anchor [start, end) in the text at {@code revision} (clients move
 * it through later operations as they move cursors), the quoted text it was started on, and its comments.
 */
public record CommentView(
        long id,
        long doc,
        long revision,
        int start,
        int end,
        String quote,
        boolean detached,
        boolean resolved,
        String resolvedBy,
        Instant resolvedAt,
        String author,
        String authorName,
        Instant createdAt,
        List<Entry> comments) {

    /** One comment; {@code versions} counts its wordings (1 when never edited). */
    public record Entry(
            long id,
            String author,
            String authorName,
            String body,
            Instant createdAt,
            Instant editedAt,
            int versions) {}

    /** A mention of the caller: where, by whom, and whether it was seen. */
    public record Mention(
            long id,
            long doc,
            String title,
            long thread,
            long comment,
            String by,
            String byName,
            String excerpt,
            Instant at,
            boolean seen) {}

    /** An earlier (or the current) wording of a comment. */
    public record Wording(int version, String body, Instant until) {}
}
