package dev.quorum.it;

import dev.quorum.launcher.EmbeddedDatabase;
import dev.quorum.launcher.ServerResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts what the integration tests' Payara Micro needs, once per test JVM and before it boots: a real
 * PostgreSQL on an empty database, and the server resources (JDBC pool, ActiveMQ adapter with an embedded
 * broker) written as the post-boot command file that {@link SharedServer} passes to Micro.
 */
public class TestEnvironment implements LauncherSessionListener {

    private static EmbeddedDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (database != null || System.getProperty("quorum.distribution") == null) {
            return;
        }
        try {
            Path distribution = Path.of(System.getProperty("quorum.distribution"));
            Path work = Path.of(System.getProperty("quorum.it.work", "target/it-work"))
                    .toAbsolutePath();
            Files.createDirectories(work.resolve("tmp"));
            database = EmbeddedDatabase.start(work.resolve("postgres"), 0, false);
            // the broker's store belongs to this run's database: messages of an earlier run must not reach it
            deleteTree(work.resolve("broker"));
            int brokerPort = freePort();
            int amqpPort = freePort();
            ServerResources.Broker broker =
                    ServerResources.Broker.embedded(brokerPort, amqpPort, work.resolve("broker"), "quorum", "quorum");
            System.setProperty("quorum.it.amqpUrl", "amqp://127.0.0.1:" + amqpPort);
            System.setProperty("quorum.it.brokerUrl", "tcp://127.0.0.1:" + brokerPort);
            System.setProperty("quorum.it.aiStub", AiStub.start());
            // started now, so it boots while Payara Micro does; the sign-in tests wait for it
            System.setProperty("quorum.it.oidcIssuer", KeycloakServer.start(work));
            Path postBoot = work.resolve("post-boot.asadmin");
            Files.writeString(
                    postBoot,
                    ServerResources.render(
                            new ServerResources.Database(database.jdbcUrl(), database.user(), ""),
                            broker,
                            distribution.resolve("activemq-rar.rar"),
                            ServerResources.Reader.MICRO_POST_BOOT,
                            false));
            Path keys = distribution.resolve("dev-keys");
            Path preBoot = work.resolve("pre-boot.asadmin");
            Files.writeString(preBoot, ServerResources.preBoot());
            System.setProperty("quorum.it.preBoot", preBoot.toString());
            System.setProperty("quorum.it.postBoot", postBoot.toString());
            System.setProperty(
                    "quorum.it.serverLibraries",
                    dev.quorum.launcher.QuorumLauncher.postgresDriver(distribution)
                            .toString());
            System.setProperty(
                    "quorum.it.publicKey",
                    keys.resolve("quorum-dev-public.pem").toUri().toString());
            System.setProperty(
                    "quorum.it.privateKey",
                    keys.resolve("quorum-dev-private.pem").toString());
            System.setProperty("quorum.it.dbUrl", database.jdbcUrl());
            System.setProperty("quorum.it.dbUser", database.user());
        } catch (IOException e) {
            throw new UncheckedIOException("the integration test environment did not start", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedServer.stop();
        KeycloakServer.stop();
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                database = null;
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path :
                        paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /**
     * A port nobody uses right now, for a server a test starts. Not one the system hands out (port 0): those
     * come from the range outgoing connections use too, and after a test of thousands of connections a port
     * there may still have connections in TIME_WAIT, which a server that binds without SO_REUSEADDR (the
     * broker) is refused ("Address already in use").
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000); // below Linux's ephemeral range (32768-60999)
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    private static final java.util.Random RANDOM = new java.security.SecureRandom();
}
