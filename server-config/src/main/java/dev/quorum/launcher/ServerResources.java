package dev.quorum.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** Where the broker is: embedded in the adapter (with a KahaDB store) or an external one. */
    public record Broker(String externalUrl, int port, Path dataDirectory, String user, String password) {

        public static Broker embedded(int port, Path dataDirectory, String user, String password) {
            return new Broker("", port, dataDirectory, user, password);
        }

        public static Broker external(String url, String user, String password) {
            return new Broker(url, 0, null, user, password);
        }

        Map<String, String> adapterProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            if (externalUrl.isBlank()) {
                properties.put("ServerUrl", "vm://quorum?create=false");
                properties.put(
                        "BrokerXmlConfig",
                        "broker:(tcp://127.0.0.1:" + port + ")?persistent=true&useJmx=false&brokerName=quorum"
                                + "&useShutdownHook=false&dataDirectory=" + dataDirectory.toAbsolutePath());
            } else {
                properties.put("ServerUrl", externalUrl);
            }
            properties.put("UserName", user);
            properties.put("Password", password);
            return properties;
        }
    }

    public record Database(String url, String user, String password) {
        Map<String, String> poolProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("url", url);
            properties.put("user", user);
            // Payara's pool insists on a password; the embedded database trusts local connections
            properties.put("password", password.isEmpty() ? "unused" : password);
            // JSON payloads are bound as text; let PostgreSQL cast them to jsonb
            properties.put("stringType", "unspecified");
            return properties;
        }
    }

    public static String render(Database database, Broker broker, Path adapterFile) {
        return template()
                .replace("@broker.adapter.properties@", properties(broker.adapterProperties()))
                .replace("@broker.adapter.file@", adapterFile.toAbsolutePath().toString())
                .replace("@db.properties@", properties(database.poolProperties()));
    }

    static String template() {
        try (InputStream in = ServerResources.class.getResourceAsStream("/payara/resources.asadmin")) {
            if (in == null) {
                throw new IllegalStateException("payara/resources.asadmin is missing from the launcher");
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
