package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                    readiness.sawDown,
                    "readiness was seen DOWN (503) while Quorum started, or this check proves nothing");
            assertEquals(
                    List.of(),
                    readiness.upBeforeServing,
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

    /**
     * Polls /health/ready and then Quorum's API as fast as it can while the node starts: readiness UP
     * followed by an API that does not answer 200 means readiness told a load balancer too early.
     */
    private static final class ReadinessWatch extends Thread {
        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        private final URI ready;
        private final URI api;
        private volatile boolean stopped;
        volatile boolean sawDown;
        final List<String> upBeforeServing = new ArrayList<>();

        ReadinessWatch(int httpPort) {
            super("readiness-watch");
            ready = URI.create("http://localhost:" + httpPort + "/health/ready");
            api = URI.create("http://localhost:" + httpPort + "/quorum/api/client-config");
        }

        @Override
        public void run() {
            while (!stopped) {
                HttpResponse<String> readiness = get(ready);
                if (readiness != null && readiness.statusCode() == 503) {
                    sawDown = true;
                } else if (readiness != null && readiness.statusCode() == 200) {
                    HttpResponse<String> serving = get(api);
                    if (serving == null || serving.statusCode() != 200) {
                        synchronized (upBeforeServing) {
                            upBeforeServing.add(readiness.body() + " then API "
                                    + (serving == null ? "unreachable" : serving.statusCode()));
                        }
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private HttpResponse<String> get(URI uri) {
            try {
                return client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notListeningYet) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        void stopAndJoin() throws InterruptedException {
            stopped = true;
            join(10_000);
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
