package dev.quorum.compliance.control;

import dev.quorum.document.control.Documents;
import dev.quorum.document.control.OperationCommitted;
import dev.quorum.document.control.TextOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text typed into a document a few characters at a time passes no rule on its way in: no keystroke holds a
 * card number. So each document typed into is remembered, and screened as a whole once its typists pause
 * for two seconds (or every ten while they do not), off the editing path; what the rules find there is
 * recorded as flagged — too late to mask or refuse, and the finding says only what was done. A finding
 * already recorded for the same text of the same document is not recorded again.
 */
@ApplicationScoped
public class TypedText {

    private static final long QUIET_NANOS = 2_000_000_000L;
    private static final long AT_LEAST_EVERY_NANOS = 10_000_000_000L;

    private record Dirty(long organization, long typist, long since, long last) {}

    private final Map<Long, Dirty> dirty = new ConcurrentHashMap<>();

    @Inject
    TypedTextScreening screening;

    void typed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OperationCommitted committed) {
        boolean keystrokes = committed.operation().components().stream()
                .anyMatch(c -> c instanceof TextOperation.Insert insert && insert.length() < Documents.SCREENED_INSERT);
        if (!keystrokes) {
            return;
        }
        long now = System.nanoTime();
        dirty.merge(
                committed.documentId(),
                new Dirty(
                        committed.origin().organizationId(), committed.origin().actorMemberId(), now, now),
                (was, next) -> new Dirty(was.organization(), next.typist(), was.since(), now));
    }

    /** Screens the documents whose typists paused, or that have waited long enough; answers how many. */
    public int screenPaused() {
        long now = System.nanoTime();
        int screened = 0;
        for (Map.Entry<Long, Dirty> entry : dirty.entrySet()) {
            Dirty typed = entry.getValue();
            if (now - typed.last() >= QUIET_NANOS || now - typed.since() >= AT_LEAST_EVERY_NANOS) {
                if (dirty.remove(entry.getKey(), typed)) {
                    screening.screen(entry.getKey(), typed.organization(), typed.typist());
                    screened++;
                }
            }
        }
        return screened;
    }
}
