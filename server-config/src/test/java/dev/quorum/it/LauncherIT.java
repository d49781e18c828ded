package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher as an operator runs it (the README's first command): a short console that ends in the
 * ready banner and says where Payara's log is, and supervision: when Payara dies, the launcher stops
 * PostgreSQL and exits with Payara's status instead of lingering. Readiness stays DOWN until Quorum serves.
 */
class LauncherIT {

    @Test
    void theConsoleIsShortAndWhenPayaraDiesTheLauncherStopsEverythingWithItsStatus() throws Exception {
        Path distribution = Path.of(System.getProperty("quorum.distribution"));
        Path data =
                Path.of(System.getProperty("quorum.it.work")).toAbsolutePath().resolve("launcher");
        int httpPort = TestEnvironment.freePort();
        int databasePort = TestEnvironment.freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        distribution.resolve("quorum-launcher.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("QUORUM_DATA_DIR", data.toString());
        builder.environment().put("QUORUM_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("QUORUM_DB_EMBEDDED_PORT", String.valueOf(databasePort));
        builder.environment().put("QUORUM_BROKER_PORT", String.valueOf(TestEnvironment.freePort()));
        builder.environment().put("QUORUM_JAVA_OPTIONS", "-Xmx512m");
        Process launcher = builder.start();
        List<String> console = new ArrayList<>();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (console) {
                        console.add(line);
                    }
                    if (line.contains("Stop with Ctrl-C.")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the launcher ended
            }
            ready.complete(false);
        });
        reader.start();
        ReadinessWatch readiness = new ReadinessWatch(httpPort);
        readiness.start();
        try {
            assertTrue(ready.get(4, TimeUnit.MINUTES), () -> "no ready banner; console: " + console);
            readiness.stopAndJoin();
            assertTrue(
                    readiness.sawDown(),
                    "readiness was seen DOWN (503) while Quorum started, or this check proves nothing");
            assertEquals(
                    List.of(),
                    readiness.upBeforeServing(),
                    "/health/ready was UP while Quorum did not yet serve its API");
            List<String> shown;
            synchronized (console) {
                shown = List.copyOf(console);
            }
            assertTrue(shown.size() < 30, () -> shown.size() + " console lines: " + shown);
            assertTrue(shown.stream().anyMatch(l -> l.contains("Quorum is ready")), shown::toString);
            String logLine = shown.stream()
                    .filter(l -> l.contains("Server log:"))
                    .findFirst()
                    .orElse(null);
            assertNotNull(logLine, shown::toString);
            Path log = Path.of(logLine.substring(logLine.indexOf(':') + 1).trim());
            assertTrue(Files.readString(log).contains("Payara Micro"), "Payara's output is in " + log);
            assertTrue(listens(databasePort), "PostgreSQL runs");

            ProcessHandle payara = launcher.toHandle()
                    .children()
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
                    .findFirst()
                    .orElseThrow();
            payara.destroyForcibly();
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher exits when Payara dies");
            assertEquals(137, launcher.exitValue(), "the launcher exits with Payara's status (killed: 128 + 9)");
            assertFalse(listens(databasePort), "PostgreSQL was stopped with it");
        } finally {
            launcher.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
