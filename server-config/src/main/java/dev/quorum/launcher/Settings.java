package dev.quorum.launcher;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The launcher's settings, read the MicroProfile Config way: a system property {@code quorum.x.y} wins
 * over the environment variable {@code QUORUM_X_Y}, which wins over the default. README lists them all.
 */
record Settings(
        String mode,
        int httpPort,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String dbPasswordAlias,
        int embeddedDbPort,
        String brokerUrl,
        String brokerUser,
        String brokerPassword,
        String brokerPasswordAlias,
        int brokerPort,
        int amqpPort,
        String clusterName,
        String clusterMembers,
        int clusterPort,
        String clusterInterface,
        String javaOptions) {

    static Settings fromEnvironment() {
        Path dataDir = Path.of(value(
                "quorum.data.dir",
                Path.of(System.getProperty("user.home"), ".quorum").toString()));
        return new Settings(
                value("quorum.mode", "development"),
                Integer.parseInt(value("quorum.http.port", "8080")),
                dataDir,
                value("quorum.db.url", ""),
                value("quorum.db.user", "postgres"),
                value("quorum.db.password", ""),
                value("quorum.db.password-alias", ""),
                Integer.parseInt(value("quorum.db.embedded-port", "15432")),
                value("quorum.broker.url", ""),
                value("quorum.broker.user", "quorum"),
                value("quorum.broker.password", "quorum"),
                value("quorum.broker.password-alias", ""),
                Integer.parseInt(value("quorum.broker.port", "61616")),
                Integer.parseInt(value("quorum.broker.amqp-port", "5672")),
                value("quorum.cluster.name", "quorum"),
                value("quorum.cluster.members", ""),
                Integer.parseInt(value("quorum.cluster.port", "5701")),
                value("quorum.cluster.interface", ""),
                value("quorum.java.options", "-Xmx1g"));
    }

    boolean embeddedDatabase() {
        return dbUrl.isBlank();
    }

    boolean embeddedBroker() {
        return brokerUrl.isBlank();
    }

    boolean clustered() {
        return !clusterMembers.isBlank();
    }

    static String value(String property, String defaultValue) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(environmentName(property));
        return fromEnvironment != null ? fromEnvironment : defaultValue;
    }

    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
