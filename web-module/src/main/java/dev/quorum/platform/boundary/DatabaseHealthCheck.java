package dev.quorum.platform.boundary;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while PostgreSQL answers: without it nothing can be persisted. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Resource(lookup = "jdbc/quorum")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (DatabaseOutage.failingFast()) {
            // known to be away: say so at once rather than wait for the pool to find out again
            return response.down()
                    .withData("error", "unreachable; requests fail fast")
                    .build();
        }
        try (Connection connection = dataSource.getConnection()) {
            return response.status(connection.isValid(2))
                    .withData("product", connection.getMetaData().getDatabaseProductVersion())
                    .build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
