package dev.quorum.presence.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PendingChangesTest {

    private static PendingChanges.Pending change(String member) {
        return new PendingChanges.Pending(member, p -> p, new CompletableFuture<>());
    }

    @Test
    void changesArrivingWhileOneIsDrainedAreAppliedTogetherInTheirOrder() {
        PendingChanges queue = new PendingChanges();
        assertTrue(queue.add(change("alice")), "the first change starts the drain");
        assertFalse(queue.add(change("bob")), "a drain runs: the change waits for it");
        assertFalse(queue.add(change("carol")));

        assertEquals(
                List.of("alice", "bob", "carol"),
                queue.next().stream().map(PendingChanges.Pending::member).toList());
        assertFalse(queue.add(change("dave")), "still draining until the queue is found empty");
        assertEquals(
                List.of("dave"),
                queue.next().stream().map(PendingChanges.Pending::member).toList());
        assertTrue(queue.next().isEmpty());

        assertTrue(queue.add(change("erin")), "an empty queue was left: the next change starts a drain again");
    }
}
