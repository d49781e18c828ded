package dev.quorum.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one Payara Micro that every {@link QuorumIT} class of a test run shares, running the very WAR of the
 * distribution against the run's PostgreSQL and embedded broker (set up by {@link TestEnvironment}).
 *
 * <p>It boots when the first class asks for it (about 30 s) instead of once per class, as Arquillian's Micro
 * container did, and stops when the run ends. Classes that start their own nodes on the same database stop it
 * first ({@link #stop()}): its timers and outbox sweeps would otherwise take work meant for those nodes' clients.
 */
final class SharedServer {

    /** The options the tests rely on: short ticket and grace times, lifted publish limits, the stub AI endpoint. */
    private static final List<String> TEST_OPTIONS = List.of(
            "-Dquorum.mode=development",
            "-Dquorum.ticket.ttl-seconds=3",
            "-Dquorum.connection.queue-capacity=64",
            "-Dquorum.presence.grace-seconds=3",
            "-Dquorum.compliance.alert-repeat-seconds=2",
            "-Dquorum.encryption.retire-after-seconds=6",
            "-Dquorum.encryption.backlog-idle-seconds=4",
            "-Dquorum.connection.credential-grace-seconds=3",
            "-Dquorum.session.token-lifetime-seconds=30",
            "-Dquorum.analysis.remote.timeout-seconds=2",
            "-Ddev.quorum.analysis.control.RemoteEngine/analyze/CircuitBreaker/delay=3000",
            "-Dquorum.limits.publish-per-minute=100000",
            "-Dquorum.limits.publish-burst-per-second=100000",
            "-Dquorum.limits.handshakes-per-address-per-minute=100000",
            "-Dquorum.limits.connections-per-address=1000");

    private static Process process;
    private static URL base;

    private SharedServer() {}

    /** The application's base URL ({@code http://localhost:port/quorum/}), booting the server if it is not up. */
    static synchronized URL base() {
        if (process == null || !process.isAlive()) {
            try {
                start();
            } catch (IOException e) {
                throw new UncheckedIOException("the shared Payara Micro did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the shared Payara Micro started", e);
            }
        }
        return base;
    }

    /** Stops the shared server if it runs; the next {@link #base()} boots it again. */
    static synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            base = null;
        }
    }

    private static void start() throws IOException, InterruptedException {
        Path distribution = Path.of(System.getProperty("quorum.distribution"));
        int port = TestEnvironment.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add(dev.quorum.launcher.QuorumLauncher.JSON_PROVIDER);
        command.addAll(TEST_OPTIONS);
        command.add("-Dquorum.analysis.remote.url=" + System.getProperty("quorum.it.aiStub"));
        command.add("-Dmp.jwt.verify.publickey.location=" + System.getProperty("quorum.it.publicKey"));
        command.add("-Dquorum.dev.signing-key.location=" + System.getProperty("quorum.it.privateKey"));
        command.add("-Dquorum.oidc.issuer=" + System.getProperty("quorum.it.oidcIssuer"));
        command.add("-Dquorum.oidc.client-id=" + KeycloakServer.CLIENT_ID);
        command.add("-Dquorum.oidc.client-secret=" + KeycloakServer.CLIENT_SECRET);
        command.add("-Dquorum.oidc.provider-name=Keycloak");
        command.addAll(List.of(
                "-jar",
                distribution.resolve("payara-micro.jar").toString(),
                "--deploy",
                distribution.resolve("quorum.war").toString(),
                "--port",
                String.valueOf(port),
                "--nocluster",
                "--prebootcommandfile",
                System.getProperty("quorum.it.preBoot"),
                "--postbootcommandfile",
                System.getProperty("quorum.it.postBoot"),
                "--addlibs",
                System.getProperty("quorum.it.serverLibraries"),
                "--disablephonehome"));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        echoOutput(process);
        base = URI.create("http://localhost:" + port + "/quorum/").toURL();
        awaitServing(Duration.ofSeconds(Long.getLong("it.startup.timeout", 240)));
    }

    /** Payara's output goes to the test log, as it did under Arquillian: a failure's cause is found there. */
    private static void echoOutput(Process server) {
        Thread echo = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            System.out.println(line);
                        }
                    } catch (IOException ended) {
                        // the server stopped
                    }
                },
                "shared-payara-output");
        echo.setDaemon(true);
        echo.start();
    }

    /** Ready is not enough on its own: the API answering proves the application was deployed. */
    private static void awaitServing(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI ready = URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/health/ready");
        URI api = URI.create(base + "api/client-config");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the shared Payara Micro exited with " + process.exitValue());
            }
            if (answersOk(client, ready) && answersOk(client, api)) {
                return;
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("the shared Payara Micro did not serve Quorum within " + timeout);
    }

    private static boolean answersOk(HttpClient client, URI uri) throws InterruptedException {
        try {
            return client.send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
