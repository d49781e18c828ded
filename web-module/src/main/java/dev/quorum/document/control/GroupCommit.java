package dev.quorum.document.control;

import dev.quorum.identity.control.MemberIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Edits of one document that arrive on this node while another batch of it commits are committed together
 * in the next transaction: one row lock and one commit (one fsync) for all of them, instead of each edit
 * queueing on the document's row lock with a database connection held. There is no extra thread: a caller
 * whose edit finds no batch running commits the waiting edits itself, then hands the turn to the caller of
 * the oldest edit still waiting. The order of edits, and what each answers, is what committing them one by
 * one would give.
 */
@ApplicationScoped
public class GroupCommit {

    @Inject
    Documents documents;

    @Inject
    @ConfigProperty(name = "quorum.documents.group-commit-max", defaultValue = "64")
    int maxBatch;

    private final Map<Long, Line> lines = new ConcurrentHashMap<>();

    /** The edits of one document waiting on this node, and whether a caller is committing a batch. */
    private static final class Line {
        final Deque<Waiting> waiting = new ArrayDeque<>();
        boolean committing;
    }

    /** An edit and its caller: its answer, or (first) the caller's turn to commit a batch. */
    private record Waiting(
            Documents.Submission submission,
            CompletableFuture<Documents.Outcome> answer,
            CompletableFuture<Void> turn) {}

    /** Commits the edit (with others waiting, if any) and answers what {@link Documents#submit} answers. */
    public Documents.Committed submit(
            MemberIdentity author, DocumentCommand.Submit submit, String source, long receivedNanos) {
        Waiting mine = new Waiting(
                new Documents.Submission(author, submit, source, receivedNanos),
                new CompletableFuture<>(),
                new CompletableFuture<>());
        Line line = lines.computeIfAbsent(submit.doc(), doc -> new Line());
        boolean myTurn;
        synchronized (line) {
            line.waiting.add(mine);
            myTurn = !line.committing;
            line.committing = true;
        }
        if (!myTurn) {
            awaitAnswerOrTurn(mine);
            if (mine.answer().isDone()) {
                return outcome(mine);
            }
        }
        try {
            while (!mine.answer().isDone()) {
                commitBatch(submit.doc(), line);
            }
        } finally {
            handOver(line);
        }
        return outcome(mine);
    }

    private void commitBatch(long doc, Line line) {
        List<Waiting> batch = new ArrayList<>();
        synchronized (line) {
            while (!line.waiting.isEmpty() && batch.size() < maxBatch) {
                batch.add(line.waiting.poll());
            }
        }
        try {
            List<Documents.Outcome> outcomes = documents.submitAll(
                    doc, batch.stream().map(Waiting::submission).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error failed) {
            // the transaction failed as a whole: every edit of it has the same answer
            batch.forEach(waiting -> waiting.answer().completeExceptionally(failed));
        }
    }

    /** The caller of the oldest edit still waiting commits the next batch; none waiting, the line is idle. */
    private static void handOver(Line line) {
        synchronized (line) {
            Waiting next = line.waiting.peek();
            if (next == null) {
                line.committing = false;
            } else {
                next.turn().complete(null);
            }
        }
    }

    private static void awaitAnswerOrTurn(Waiting waiting) {
        try {
            CompletableFuture.anyOf(waiting.answer(), waiting.turn()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the edit was committed", e);
        } catch (ExecutionException e) {
            // the answer is a failure: outcome() rethrows it
        }
    }

    private static Documents.Committed outcome(Waiting waiting) {
        Documents.Outcome outcome;
        try {
            outcome = waiting.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the edit was committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw (Error) e.getCause();
        }
        if (outcome.refused() != null) {
            throw outcome.refused();
        }
        return outcome.committed();
    }
}
