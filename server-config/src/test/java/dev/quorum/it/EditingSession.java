package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Editors typing at random into one document at once, each dropping its connection once, then settling;
 * and the convergence every such test asserts: each editor at the server's revision with the server's text.
 */
final class EditingSession {

    private EditingSession() {}

    static void type(List<Editor> editors, Random random, int steps) throws InterruptedException {
        for (int step = 0; step < steps; step++) {
            Editor editor = editors.get(random.nextInt(editors.size()));
            if (random.nextInt(3) == 0) {
                editor.receive();
            } else {
                editor.edit();
            }
            for (int i = 0; i < editors.size(); i++) {
                if (step == steps * (i + 1) / (editors.size() + 1)) {
                    editors.get(i).reconnect();
                }
            }
            // typing speed: a round trip is shorter than most pauses, so operations cross in flight
            Thread.sleep(random.nextInt(15));
        }
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && !editors.stream().allMatch(Editor::settled)) {
            for (Editor editor : editors) {
                editor.receive(Duration.ofMillis(20));
            }
        }
        for (Editor editor : editors) {
            editor.assertNoFailures();
            assertTrue(editor.settled(), "every edit was committed");
        }
    }

    /** Every editor reaches the server's revision with the server's text; answers a line of figures. */
    static String assertConverged(List<Editor> editors, long head, String content) {
        for (Editor editor : editors) {
            while (editor.revision() < head && editor.receive(Duration.ofSeconds(5))) {
                // the last operations are on their way
            }
            assertEquals(head, editor.revision());
            assertEquals(content, editor.text(), "an editor's text differs from the server's");
        }
        int crossings = editors.stream().mapToInt(e -> e.crossings).sum();
        assertTrue(crossings >= 10, "operations crossed in flight often enough to test transformation: " + crossings);
        return String.format(
                "%d revisions, %d characters, %d operations transformed against one in flight",
                head, content.length(), crossings);
    }
}
