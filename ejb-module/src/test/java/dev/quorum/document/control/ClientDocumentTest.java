package dev.quorum.document.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quorum.document.control.TextOperation.Insert;
import dev.quorum.document.control.TextOperation.Retain;
import dev.quorum.document.control.TextOperation.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Client copies against a server that transforms as Quorum's does, with operations and deliveries
 * interleaved at random: every copy ends with the server's text.
 */
class ClientDocumentTest {

    /** The server's half: transform against what was committed since the base, commit as the next revision. */
    private static final class Server {
        String text = "";
        final List<TextOperation> committed = new ArrayList<>();
        final List<Integer> authors = new ArrayList<>();

        void submit(int author, ClientDocument.Outgoing outgoing) {
            TextOperation op = outgoing.op();
            for (int r = (int) outgoing.baseRevision(); r < committed.size(); r++) {
                op = op.transform(committed.get(r), Side.LEFT);
            }
            text = op.apply(text);
            committed.add(op);
            authors.add(author);
        }
    }

    @Test
    void copiesConvergeWhateverTheInterleaving() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            Server server = new Server();
            int clients = 2 + random.nextInt(3);
            List<ClientDocument> copies = new ArrayList<>();
            List<Deque<ClientDocument.Outgoing>> outboxes = new ArrayList<>();
            List<Integer> delivered = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                copies.add(new ClientDocument("", 0));
                outboxes.add(new ArrayDeque<>());
                delivered.add(0);
            }
            for (int step = 0; step < 200 || !quiet(outboxes, delivered, server, copies); step++) {
                int who = random.nextInt(clients);
                ClientDocument copy = copies.get(who);
                int action = step < 200 ? random.nextInt(3) : 1 + random.nextInt(2);
                if (action == 0) {
                    enqueue(outboxes.get(who), copy.edit(edit(random, copy.text())));
                } else if (action == 1 && !outboxes.get(who).isEmpty()) {
                    server.submit(who, outboxes.get(who).poll());
                } else if (delivered.get(who) < server.committed.size()) {
                    int next = delivered.get(who);
                    delivered.set(who, next + 1);
                    boolean mine = server.authors.get(next) == who;
                    enqueue(
                            outboxes.get(who),
                            copy.receive(next + 1, server.committed.get(next), mine)
                                    .send());
                }
            }
            for (ClientDocument copy : copies) {
                assertEquals(server.text, copy.text(), "round " + round);
                assertEquals(server.committed.size(), copy.revision());
                assertTrue(copy.settled());
            }
        }
    }

    @Test
    void aLostRevisionIsRefusedNotApplied() {
        ClientDocument copy = new ClientDocument("abc", 3);
        assertThrows(IllegalStateException.class, () -> copy.receive(5, TextOperation.of(new Insert("x")), false));
        assertEquals("abc", copy.text());
        assertEquals(
                null, copy.receive(3, TextOperation.of(new Insert("x")), false).send());
        assertEquals("abc", copy.text(), "a revision the copy holds is ignored");
    }

    private static void enqueue(Deque<ClientDocument.Outgoing> outbox, ClientDocument.Outgoing outgoing) {
        if (outgoing != null) {
            outbox.add(outgoing);
        }
    }

    private static boolean quiet(
            List<Deque<ClientDocument.Outgoing>> outboxes,
            List<Integer> delivered,
            Server server,
            List<ClientDocument> copies) {
        for (int i = 0; i < copies.size(); i++) {
            if (!outboxes.get(i).isEmpty()
                    || delivered.get(i) < server.committed.size()
                    || !copies.get(i).settled()) {
                return false;
            }
        }
        return true;
    }

    private static TextOperation edit(Random random, String text) {
        int length = text.codePointCount(0, text.length());
        int at = random.nextInt(length + 1);
        List<TextOperation.Component> parts = new ArrayList<>();
        if (at > 0) {
            parts.add(new Retain(at));
        }
        if (at < length && random.nextBoolean()) {
            parts.add(new TextOperation.Delete(1 + random.nextInt(Math.min(3, length - at))));
        } else {
            parts.add(new Insert(
                    random.nextBoolean() ? "\uD83D\uDC4D" : String.valueOf((char) ('a' + random.nextInt(5)))));
        }
        return TextOperation.of(parts);
    }
}
