package dev.quorum.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything else touches the database. Flyway owns the schema;
 * development mode adds the seed data location.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/quorum")
    DataSource dataSource;

    @Inject
    RuntimeMode mode;

    /** Loads the benchmark organization (see db/benchmark); never on by default. */
    @Inject
    @ConfigProperty(name = "quorum.benchmark.enabled", defaultValue = "false")
    boolean benchmark;

    private static volatile boolean migrated;

    /**
     * Whether the schema is up to date. Message-driven beans may be handed messages the broker kept before this
     * singleton ran: they wait for it.
     */
    public static boolean migrated() {
        return migrated;
    }

    @PostConstruct
    void migrate() {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (mode.isDevelopment()) {
            locations.add("classpath:db/development");
        }
        if (benchmark) {
            locations.add("classpath:db/benchmark");
        }
        long started = System.nanoTime();
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                // a database once run in development keeps the seed migration in its history
                .ignoreMigrationPatterns("*:missing")
                .load()
                .migrate();
        migrated = true;
        LOG.info(() -> String.format(
                "Schema at version %s (%d migrations applied, %s mode) in %d ms",
                result.targetSchemaVersion,
                result.migrationsExecuted,
                mode.name(),
                (System.nanoTime() - started) / 1_000_000));
    }
}
