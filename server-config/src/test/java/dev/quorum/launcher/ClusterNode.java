package dev.quorum.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro node of a test cluster, started the way the launcher starts it (same command line,
 * same resource commands), against the integration tests' PostgreSQL.
 */
public final class ClusterNode implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ClusterNode(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Test nodes publish in bursts: these options lift the publish limits for them; and critical compliance
     * alerts repeat every two seconds, so that escalation is seen within a test.
     */
    public static final String TEST_LIMITS =
            "-Dquorum.limits.publish-per-minute=100000 -Dquorum.limits.publish-burst-per-second=100000 "
                    + "-Dquorum.limits.connections-per-address=1000 -Dquorum.limits.handshakes-per-address-per-minute=100000 "
                    + "-Dquorum.compliance.alert-repeat-seconds=2";

    public static ClusterNode start(
            Path work, String name, int httpPort, int clusterPort, int brokerPort, String members, String dbUrl)
            throws IOException {
        return start(work, name, httpPort, clusterPort, brokerPort, members, dbUrl, TEST_LIMITS);
    }

    /** A node with the given extra JVM options; no cluster when members is empty. */
    public static ClusterNode start(
            Path work,
            String name,
            int httpPort,
            int clusterPort,
            int brokerPort,
            String members,
            String dbUrl,
            String javaOptions)
            throws IOException {
        return launch(work, name, httpPort, clusterPort, brokerPort, members, dbUrl, javaOptions, false);
    }

    /**
     * The node again after it stopped or was killed: Payara's runtime files start afresh (as the launcher's do),
     * the broker's store is kept, with whatever it held.
     */
    public static ClusterNode restartKeepingBroker(
            Path work, String name, int httpPort, int clusterPort, int brokerPort, String members, String dbUrl)
            throws IOException {
        return launch(work, name, httpPort, clusterPort, brokerPort, members, dbUrl, TEST_LIMITS, true);
    }

    private static ClusterNode launch(
            Path work,
            String name,
            int httpPort,
            int clusterPort,
            int brokerPort,
            String members,
            String dbUrl,
            String javaOptions,
            boolean keepBroker)
            throws IOException {
        Path distribution = Path.of(System.getProperty("quorum.distribution"));
        Path dir = work.resolve(name);
        if (keepBroker && Files.isDirectory(dir)) {
            try (var children = Files.list(dir)) {
                for (Path child : children.filter(
                                c -> !c.getFileName().toString().equals("broker"))
                        .toList()) {
                    QuorumLauncher.deleteRecursively(child);
                }
            }
        } else {
            QuorumLauncher.deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        Settings settings = new Settings(
                "development",
                httpPort,
                dir,
                dbUrl,
                "postgres",
                "",
                "",
                0,
                "",
                "quorum",
                "quorum",
                "",
                brokerPort,
                0,
                "quorum-it",
                members,
                clusterPort,
                "127.0.0.1",
                "-Xmx512m -Djava.io.tmpdir=" + dir + " " + javaOptions);
        Path postBoot = dir.resolve("post-boot.asadmin");
        Files.writeString(
                postBoot,
                ServerResources.render(
                        new ServerResources.Database(dbUrl, "postgres", ""),
                        ServerResources.Broker.embedded(brokerPort, dir.resolve("broker"), "quorum", "quorum"),
                        distribution.resolve("activemq-rar.rar")));
        List<String> command = QuorumLauncher.microCommand(settings, distribution, dir, postBoot);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        return new ClusterNode(process, httpPort, dir.resolve("server.log"));
    }

    /**
     * Waits until the node serves Quorum: ready, and answering its API. Readiness alone should do (LauncherIT
     * holds it to that); the API check makes a failure there show up as LauncherIT's, not as any test's 404.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!QuorumLauncher.awaitReady("http://localhost:" + httpPort + "/health/ready", process, timeout)) {
            throw new IllegalStateException("node on port " + httpPort + " did not become ready");
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(
                                        java.net.http.HttpRequest.newBuilder(api("client-config"))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("node on port " + httpPort + " does not serve its API");
    }

    /** The node's console output (Payara's log), kept after the node stops. */
    public Path log() {
        return log;
    }

    public String name() {
        return log.getParent().getFileName().toString();
    }

    public URI ws() {
        return URI.create("ws://localhost:" + httpPort + "/quorum/ws");
    }

    public URI api(String path) {
        return URI.create("http://localhost:" + httpPort + "/quorum/api/" + path);
    }

    /** Freezes the node (SIGSTOP): it keeps its sockets and its cluster membership but answers nothing. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen node run again (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** Kills the node the way a crash does (SIGKILL): no shutdown, no goodbye to the cluster. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
