package dev.quorum.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL, run from the binaries shipped in a Maven artifact, with its data kept in a directory
 * of our choosing so that it survives restarts. Used by the launcher and by the integration tests.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "quorum";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on the port (0 for any free one) and makes sure the quorum database exists. */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean keepData) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setOverrideWorkingDirectory(
                        dataDirectory.getParent().resolve("postgres-runtime").toFile())
                // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off: an acknowledged
                // vote could then vanish in a power loss or an OS crash. Quorum acknowledges only what is
                // durable; these settings come after zonky's and win.
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                // zonky gives up after 10 s; after a crash PostgreSQL first replays its log, and on a busy
                // machine that took longer once (seen after a test killed it)
                .setPGStartupWait(java.time.Duration.ofSeconds(120));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
        database.createDatabaseIfMissing();
        return database;
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the " + DATABASE + " database", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
