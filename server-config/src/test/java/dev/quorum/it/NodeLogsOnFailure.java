package dev.quorum.it;

import dev.quorum.launcher.ClusterNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of each test node's log when a test fails. The nodes write to files in the build
 * directory, which CI does not keep: without this a failure on CI leaves only its assertion, and the
 * server's side of it (a warning, a stack trace) is lost.
 */
final class NodeLogsOnFailure implements TestWatcher {

    private static final int LINES = 120;

    private final Supplier<List<ClusterNode>> nodes;

    NodeLogsOnFailure(Supplier<List<ClusterNode>> nodes) {
        this.nodes = nodes;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        nodes.get().stream().filter(Objects::nonNull).forEach(node -> {
            System.out.printf(
                    "---- %s failed: the last %d lines of %s's log (%s) ----%n",
                    context.getDisplayName(), LINES, node.name(), node.log());
            tail(node).forEach(System.out::println);
            System.out.printf("---- end of %s's log ----%n", node.name());
        });
    }

    private static Deque<String> tail(ClusterNode node) {
        Deque<String> last = new ArrayDeque<>(LINES);
        try (Stream<String> lines = Files.lines(node.log(), StandardCharsets.ISO_8859_1)) {
            lines.forEachOrdered(line -> {
                if (last.size() == LINES) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            last.addLast("(could not read the log: " + e + ")");
        }
        return last;
    }
}
