package dev.quorum.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills in {@code payara/resources.asadmin}: the JDBC pool, the resource adapter and the JMS connection
 * factory that Quorum looks up. The launcher, the integration tests and the Payara Server install all use
 * this one template, so the two runtimes cannot drift apart.
 */
public final class ServerResources {

    private ServerResources() {}

    /**
     * Prints the resource commands for a Payara Server domain, configured like the launcher (system
     * properties or QUORUM_* environment variables). The database must be external there.
     */
    public static void main(String[] args) throws IOException {
        Settings settings = Settings.fromEnvironment();
        if (settings.embeddedDatabase()) {
            throw new IllegalArgumentException("set quorum.db.url (QUORUM_DB_URL) to the PostgreSQL Quorum should use");
        }
        Broker broker = settings.embeddedBroker()
                ? Broker.embedded(
                        settings.brokerPort(),
                        settings.amqpPort(),
                        settings.dataDir().resolve("broker"),
                        settings.brokerUser(),
                        settings.brokerPassword())
                : Broker.external(settings.brokerUrl(), settings.brokerUser(), settings.brokerPassword());
        if (!settings.brokerPasswordAlias().isEmpty()) {
            broker = broker.withPasswordAlias(settings.brokerPasswordAlias());
        }
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ServerResources ADAPTER_RAR RESOURCES_FILE PRE_BOOT_FILE");
        }
        Files.writeString(Path.of(args[2]), preBoot());
        Files.writeString(
                Path.of(args[1]),
                render(
                        new Database(
                                settings.dbUrl(), settings.dbUser(), settings.dbPassword(), settings.dbPasswordAlias()),
                        broker,
                        Path.of(args[0]),
                        Reader.ASADMIN_MULTIMODE));
    }

    /**
     * Where the broker is: embedded in the adapter (with a KahaDB store, OpenWire and optionally AMQP 1.0
     * listeners, and Quorum's plugin checking integrations' credentials) or an external one.
     */
    public record Broker(
            String externalUrl,
            int port,
            int amqpPort,
            Path dataDirectory,
            String user,
            String password,
            String passwordAlias) {

        public Broker(String externalUrl, int port, int amqpPort, Path dataDirectory, String user, String password) {
            this(externalUrl, port, amqpPort, dataDirectory, user, password, "");
        }

        /**
         * The same broker, with the adapter's configuration naming the domain's password alias instead of
         * holding the password (the embedded broker's own file, readable by its owner only, keeps it).
         */
        public Broker withPasswordAlias(String alias) {
            return new Broker(externalUrl, port, amqpPort, dataDirectory, user, password, alias);
        }

        public static Broker embedded(int port, Path dataDirectory, String user, String password) {
            return embedded(port, 0, dataDirectory, user, password);
        }

        /** @param amqpPort 0 for no AMQP listener */
        public static Broker embedded(int port, int amqpPort, Path dataDirectory, String user, String password) {
            return new Broker("", port, amqpPort, dataDirectory, user, password);
        }

        public static Broker external(String url, String user, String password) {
            return new Broker(url, 0, 0, null, user, password);
        }

        boolean isEmbedded() {
            return externalUrl.isBlank();
        }

        /** Where ActiveMQ keeps a broker named quorum's KahaDB store by default: stores written before stay in use. */
        Path kahaDbDirectory() {
            return dataDirectory.toAbsolutePath().resolve("quorum").resolve("KahaDB");
        }

        /** The embedded broker's configuration file, beside its store. */
        Path configuration() {
            return dataDirectory.toAbsolutePath().resolve("quorum-broker.xml");
        }

        Map<String, String> adapterProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            if (isEmbedded()) {
                properties.put("ServerUrl", "vm://quorum?create=false");
                properties.put("BrokerXmlConfig", "xbean:file:" + configuration());
            } else {
                properties.put("ServerUrl", externalUrl);
            }
            properties.put("UserName", user);
            properties.put("Password", passwordAlias.isEmpty() ? password : "${ALIAS=" + passwordAlias + "}");
            return properties;
        }

        /**
         * The embedded broker's Spring XML: persistent, its listeners on the loopback interface, JMSXUserID set
         * by the broker from the authenticated user (so a consumer knows which integration sent a message), and
         * Quorum's plugin, which reads integrations' credentials from the database. Its store rolls back, when
         * the broker starts, every transaction that was prepared and never completed: a two-phase commit a node
         * died inside (a message-driven bean's message and its database work). Kept, its message would be
         * neither delivered again nor consumed, and its journal never freed; rolled back, the message comes
         * again, and Quorum's consumers do a message's work once however often it comes, so this is safe even
         * where the database's part had committed.
         */
        String xml(Database database) {
            String amqp = amqpPort == 0
                    ? ""
                    : "\n      <transportConnector name=\"amqp\" uri=\"amqp://127.0.0.1:" + amqpPort
                            + "?transport.transformer=jms\"/>";
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!-- written by Quorum at every start; edits are lost -->
                    <beans xmlns="http://www.springframework.org/schema/beans"
                           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                           xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd
                             http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
                      <broker xmlns="http://activemq.apache.org/schema/core" brokerName="quorum" persistent="true"
                              useJmx="false" useShutdownHook="false" populateJMSXUserID="true" schedulerSupport="false"
                              dataDirectory="%s">
                        <persistenceAdapter>
                          <kahaDB directory="%s" purgeRecoveredXATransactionStrategy="ROLLBACK"/>
                        </persistenceAdapter>
                        <plugins>
                          <bean xmlns="http://www.springframework.org/schema/beans" class="dev.quorum.broker.IntegrationAuthenticationPlugin">
                            <property name="jdbcUrl" value="%s"/>
                            <property name="jdbcUser" value="%s"/>
                            <property name="jdbcPassword" value="%s"/>
                            <property name="quorumUser" value="%s"/>
                            <property name="quorumPassword" value="%s"/>
                          </bean>
                        </plugins>
                        <transportConnectors>
                          <transportConnector name="openwire" uri="tcp://127.0.0.1:%d"/>%s
                        </transportConnectors>
                      </broker>
                    </beans>
                    """
                    .formatted(
                            xmlText(dataDirectory.toAbsolutePath().toString()),
                            xmlText(kahaDbDirectory().toString()),
                            xmlText(database.url()),
                            xmlText(database.user()),
                            xmlText(database.password()),
                            xmlText(user),
                            xmlText(password),
                            port,
                            amqp);
        }

        /** Writes the embedded broker's configuration, readable by its owner only (it holds passwords). */
        void writeConfiguration(Database database) {
            if (!isEmbedded()) {
                return;
            }
            try {
                Files.createDirectories(dataDirectory);
                Path file = configuration();
                Files.deleteIfExists(file);
                Files.createFile(
                        file,
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, xml(database));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the broker's configuration", e);
            }
        }

        private static String xmlText(String value) {
            return value.replace("&", "&amp;")
                    .replace("<", "&lt;")
                    .replace(">", "&gt;")
                    .replace("\"", "&quot;");
        }
    }

    /**
     * The database Quorum uses. With a {@code passwordAlias} the pool names the domain's password alias
     * ({@code ${ALIAS=...}}) instead of holding the password, so domain.xml and the console never show it; the
     * embedded broker's configuration file, readable by its owner only, still needs the password itself.
     */
    public record Database(String url, String user, String password, String passwordAlias) {

        public Database(String url, String user, String password) {
            this(url, user, password, "");
        }

        Map<String, String> poolProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("url", url);
            properties.put("user", user);
            // Payara's pool insists on a password; the embedded database trusts local connections
            properties.put(
                    "password",
                    !passwordAlias.isEmpty()
                            ? "${ALIAS=" + passwordAlias + "}"
                            : password.isEmpty() ? "unused" : password);
            // JSON payloads are bound as text; let PostgreSQL cast them to jsonb
            properties.put("stringType", "unspecified");
            // a database that is down or unreachable is told within seconds, not after the driver's
            // default 10 s connect timeout (or never, for a frozen server): requests then fail fast
            properties.put("connectTimeout", "2");
            // starting a session takes longer than connecting: a healthy database that forks a hundred
            // backends at once for a burst (ClusterIT's 200 voters on two nodes, 2 cores) took over 2 s for one
            properties.put("loginTimeout", "5");
            properties.put("socketTimeout", "30");
            return properties;
        }
    }

    /** Who reads the commands: they differ in how many backslashes reach the property parser. */
    public enum Reader {
        /** Payara Micro's post-boot command file passes a backslash through. */
        MICRO_POST_BOOT,
        /** asadmin multimode consumes one level of backslashes itself. */
        ASADMIN_MULTIMODE
    }

    public static String render(Database database, Broker broker, Path adapterFile) {
        return render(database, broker, adapterFile, Reader.MICRO_POST_BOOT);
    }

    public static String render(Database database, Broker broker, Path adapterFile, Reader reader) {
        return render(database, broker, adapterFile, reader, true);
    }

    /**
     * The commands, optionally without the readiness gate (the integration tests' shared server deploys Quorum's
     * WAR alone); the embedded broker's configuration file is written too, which they refer to.
     */
    public static String render(
            Database database, Broker broker, Path adapterFile, Reader reader, boolean readinessGate) {
        broker.writeConfiguration(database);
        String adapterProperties = properties(broker.adapterProperties());
        String poolProperties = properties(database.poolProperties());
        if (reader == Reader.ASADMIN_MULTIMODE) {
            adapterProperties = adapterProperties.replace("\\", "\\\\");
            poolProperties = poolProperties.replace("\\", "\\\\");
        }
        return template()
                .replace("@broker.adapter.properties@", adapterProperties)
                .replace("@broker.adapter.file@", adapterFile.toAbsolutePath().toString())
                .replace(
                        "@readiness.gate@",
                        readinessGate
                                ? "deploy --name quorum-readiness-gate --contextroot quorum-readiness-gate"
                                        + " --deploymentorder 10 " + readinessGate(adapterFile)
                                : "")
                .replace("@db.properties@", poolProperties);
    }

    /** The readiness gate's WAR lies beside the adapter in the distribution. */
    static Path readinessGate(Path adapterFile) {
        return adapterFile.toAbsolutePath().resolveSibling("quorum-readiness-gate.war");
    }

    /** The commands Payara must run before it boots (see payara/pre-boot.asadmin). */
    public static String preBoot() {
        return read("/payara/pre-boot.asadmin");
    }

    static String template() {
        return read("/payara/resources.asadmin");
    }

    private static String read(String resource) {
        try (InputStream in = ServerResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the launcher");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** asadmin's property syntax: name=value pairs joined by ':', with ':' and '=' in values escaped. */
    static String properties(Map<String, String> properties) {
        StringBuilder joined = new StringBuilder();
        properties.forEach((name, value) -> {
            if (joined.length() > 0) {
                joined.append(':');
            }
            joined.append(name).append('=').append(escape(value));
        });
        return joined.toString();
    }

    static String escape(String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("asadmin property values cannot contain white space: " + value);
        }
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }
}
