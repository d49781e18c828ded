package dev.quorum.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * While the database is known to be away, looks once a second whether it is back, so that no client
 * request has to wait for the connection pool to find out: requests fail fast meanwhile, and flow again
 * as soon as a connection works.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());

    @Resource(lookup = "jdbc/quorum")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    public void start() {
        // a fixed delay: a look that waits for the pool never overlaps the next one
        task = scheduler.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void look() {
        if (!DatabaseOutage.failingFast()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(2)) {
                DatabaseOutage.passed();
                LOG.info("The database answers again: requests are served");
            }
        } catch (SQLException | RuntimeException stillAway) {
            DatabaseOutage.reported();
        }
    }
}
