package dev.quorum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the sign-in tests: Keycloak's distribution from Maven Central, in
 * development mode, with the test realm ({@code keycloak/quorum-realm.json}: client {@code quorum}, users
 * alice and mallory) imported at start. Started once per test JVM, beside the shared Payara Micro, which is
 * configured with its issuer; it needs a Java 21 or later (a second JDK under /usr/lib/jvm).
 */
final class KeycloakServer {

    static final String REALM = "quorum";
    static final String CLIENT_ID = "quorum";
    static final String CLIENT_SECRET = "quorum-test-client-secret";

    private static Process process;
    private static String issuer;
    private static String failure;

    private KeycloakServer() {}

    /** Starts Keycloak (without waiting for it); the issuer Quorum is to be configured with. */
    static synchronized String start(Path work) {
        if (issuer != null) {
            return issuer;
        }
        try {
            Path home = Path.of(System.getProperty("quorum.it.keycloakHome", "target/keycloak/missing"));
            int port = TestEnvironment.freePort();
            issuer = "http://localhost:" + port + "/realms/" + REALM;
            Optional<Path> java = javaHome();
            if (!Files.isExecutable(home.resolve("bin/kc.sh")) || java.isEmpty()) {
                failure = "Keycloak needs its distribution at " + home + " (unpacked by the build) and a Java 21 or "
                        + "later under /usr/lib/jvm or in quorum.it.keycloakJava";
                return issuer;
            }
            // a fresh store each run, so the realm is imported as the file says
            TestEnvironment.deleteTree(home.resolve("data"));
            Files.createDirectories(home.resolve("data/import"));
            try (var realm = KeycloakServer.class.getResourceAsStream("/keycloak/quorum-realm.json")) {
                Files.copy(realm, home.resolve("data/import/quorum-realm.json"));
            }
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-port=" + port,
                            "--import-realm",
                            "--cache=local")
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("keycloak.log").toFile());
            builder.environment()
                    .putAll(Map.of("JAVA_HOME", java.get().toString(), "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"));
            process = builder.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /** The issuer, once the realm answers its discovery document; fails with the reason if it never does. */
    static String awaitReady(Duration timeout) throws InterruptedException {
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (issuer == null) {
            throw new IllegalStateException("Keycloak was not started by the test environment");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Keycloak exited (" + process.exitValue() + "): see keycloak.log");
            }
            try {
                HttpResponse<Void> answer = client.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return issuer;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve " + discovery + " within " + timeout);
    }

    /** The issuer of the running realm, for tests that compare addresses with it. */
    static String issuerOrFail() {
        if (issuer == null || failure != null) {
            throw new IllegalStateException(failure == null ? "Keycloak was not started" : failure);
        }
        return issuer;
    }

    static synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** A JDK of version 21 or later: the one named, else the newest under /usr/lib/jvm. */
    static Optional<Path> javaHome() throws IOException {
        String named = System.getProperty("quorum.it.keycloakJava");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= 21)
                    .max(java.util.Comparator.comparingInt(KeycloakServer::featureVersion));
        }
    }

    /** The JDK's feature version from its release file ({@code JAVA_VERSION="25.0.1"}), 0 if unknown. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
