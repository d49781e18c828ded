package dev.quorum.document.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A document store that commits batches one at a time, slowly, and refuses ids starting with "bad". */
    static final class SlowDocuments extends Documents {
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final List<String> committedOrder = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;
        volatile RuntimeException failNext;
        long revision;

        @Override
        public List<Outcome> submitAll(long doc, List<Submission> submissions) {
            if (inside.incrementAndGet() > 1) {
                overlapped = true;
            }
            try {
                Thread.sleep(5);
                if (failNext != null) {
                    RuntimeException failure = failNext;
                    failNext = null;
                    throw failure;
                }
                batchSizes.add(submissions.size());
                List<Outcome> outcomes = new ArrayList<>();
                for (Submission submission : submissions) {
                    String id = submission.submit().clientId();
                    if (id.startsWith("bad")) {
                        outcomes.add(new Outcome(null, new QuorumException(QuorumError.SECTION_LOCKED)));
                    } else {
                        committedOrder.add(id);
                        outcomes.add(new Outcome(new Committed(doc, ++revision, false), null));
                    }
                }
                return outcomes;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    private static GroupCommit groupCommit(Documents documents) {
        GroupCommit groupCommit = new GroupCommit();
        groupCommit.documents = documents;
        groupCommit.maxBatch = 64;
        return groupCommit;
    }

    private static DocumentCommand.Submit edit(String id) {
        return new DocumentCommand.Submit(7, 0, TextOperation.of(new TextOperation.Insert("x")), id);
    }

    private static final MemberIdentity ALICE =
            new MemberIdentity(1, "alice", "Alice", 1, "acme", "Acme", Set.of("member"), null);

    @Test
    void concurrentEditsCommitInBatchesOneAtATimeEachAnsweredItsOwn() throws Exception {
        SlowDocuments documents = new SlowDocuments();
        GroupCommit groupCommit = groupCommit(documents);
        ExecutorService callers = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = (i % 10 == 0 ? "bad-" : "ok-") + i;
            answers.add(callers.submit(() -> {
                start.await();
                try {
                    return groupCommit.submit(ALICE, edit(id), "test", 0);
                } catch (QuorumException refused) {
                    return refused.error();
                }
            }));
        }
        start.countDown();
        Set<Long> revisions = ConcurrentHashMap.newKeySet();
        int refused = 0;
        for (Future<Object> answer : answers) {
            Object outcome = answer.get();
            if (outcome instanceof Documents.Committed committed) {
                assertTrue(revisions.add(committed.revision()), "each edit its own revision");
            } else {
                assertEquals(QuorumError.SECTION_LOCKED, outcome);
                refused++;
            }
        }
        callers.shutdown();
        assertEquals(40, refused);
        assertEquals(360, revisions.size());
        assertEquals(360, documents.committedOrder.size());
        assertTrue(!documents.overlapped, "one batch of a document at a time");
        assertTrue(
                documents.batchSizes.stream().anyMatch(size -> size > 1),
                "edits that waited were committed together: " + documents.batchSizes);
    }

    @Test
    void aFailedTransactionFailsEveryEditOfItsBatchAndTheNextBatchGoesOn() {
        SlowDocuments documents = new SlowDocuments();
        GroupCommit groupCommit = groupCommit(documents);
        documents.failNext = new IllegalStateException("database gone");
        assertThrows(IllegalStateException.class, () -> groupCommit.submit(ALICE, edit("a"), "test", 0));
        assertEquals(1, groupCommit.submit(ALICE, edit("b"), "test", 0).revision());
    }
}
