package dev.quorum.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerResourcesTest {

    private static final ServerResources.Database DATABASE =
            new ServerResources.Database("jdbc:postgresql://db.example:5432/quorum", "quorum", "s3cret=1");

    @Test
    void escapesColonsAndEqualsSignsInPropertyValues() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("url", "jdbc:postgresql://h:1/q?a=b");
        properties.put("user", "u");
        assertEquals("url=jdbc\\:postgresql\\://h\\:1/q?a\\=b:user=u", ServerResources.properties(properties));
    }

    @Test
    void aPasswordAliasKeepsThePasswordOutOfThePoolButNotOutOfTheBrokersFile() throws Exception {
        ServerResources.Database aliased = new ServerResources.Database(
                "jdbc:postgresql://db.example:5432/quorum", "quorum", "s3cret=1", "quorum-db-password");
        String commands = ServerResources.render(
                aliased,
                ServerResources.Broker.embedded(61616, 5672, data.resolve("aliased"), "quorum", "broker-pw")
                        .withPasswordAlias("quorum-broker-password"),
                Path.of("/dist/activemq-rar.rar"));
        assertTrue(commands.contains("password=${ALIAS\\=quorum-db-password}"), commands);
        assertTrue(commands.contains("Password=${ALIAS\\=quorum-broker-password}"), commands);
        assertFalse(commands.contains("s3cret") || commands.contains("broker-pw"), commands);
        assertTrue(Files.readString(data.resolve("aliased").resolve("quorum-broker.xml"))
                .contains("value=\"s3cret=1\""));
    }

    @Test
    void refusesWhiteSpaceWhichWouldSplitTheCommand() {
        assertThrows(IllegalArgumentException.class, () -> ServerResources.escape("two words"));
    }

    @TempDir
    Path data;

    @Test
    void theEmbeddedBrokerListensOnLoopbackWithAPersistentStoreAndChecksCredentials() throws Exception {
        Path store = data.resolve("broker");
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.embedded(61616, 5672, store, "quorum", "pw"),
                Path.of("/dist/activemq-rar.rar"));
        assertTrue(commands.contains("BrokerXmlConfig=xbean\\:file\\:" + store.resolve("quorum-broker.xml")), commands);
        assertTrue(commands.contains("deploy --type rar --name activemq-rar /dist/activemq-rar.rar"), commands);
        assertTrue(commands.contains("password=s3cret\\=1"), commands);
        assertFalse(commands.matches("(?s).*@[a-z]+\\.[a-z.]+@.*"), "every placeholder is filled: " + commands);
        Path configuration = store.resolve("quorum-broker.xml");
        String xml = Files.readString(configuration);
        assertTrue(xml.contains("uri=\"tcp://127.0.0.1:61616\""), xml);
        assertTrue(xml.contains("uri=\"amqp://127.0.0.1:5672?transport.transformer=jms\""), xml);
        assertTrue(xml.contains("persistent=\"true\""), xml);
        assertTrue(xml.contains("populateJMSXUserID=\"true\""), xml);
        assertTrue(xml.contains("dataDirectory=\"" + store.toAbsolutePath() + "\""), xml);
        assertTrue(
                xml.contains("<kahaDB directory=\""
                        + store.toAbsolutePath().resolve("quorum").resolve("KahaDB")
                        + "\" purgeRecoveredXATransactionStrategy=\"ROLLBACK\"/>"),
                xml);
        assertTrue(xml.contains("class=\"dev.quorum.broker.IntegrationAuthenticationPlugin\""), xml);
        assertTrue(xml.contains("value=\"jdbc:postgresql://db.example:5432/quorum\""), xml);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(configuration)),
                "it holds passwords");
    }

    @Test
    void theReadinessGateIsDeployedBeforeTheAdapter() {
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.embedded(61616, data.resolve("broker"), "quorum", "pw"),
                Path.of("/dist/activemq-rar.rar"));
        int gate = commands.indexOf("deploy --name quorum-readiness-gate");
        assertTrue(gate >= 0, commands);
        assertTrue(commands.indexOf("/dist/quorum-readiness-gate.war", gate) > gate, commands);
        assertTrue(gate < commands.indexOf("deploy --type rar"), commands);
    }

    @Test
    void anExternalBrokerHasNoEmbeddedBrokerConfiguration() {
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.external("tcp://mq.example:61616", "u", "p"),
                Path.of("activemq-rar.rar"));
        assertTrue(commands.contains("ServerUrl=tcp\\://mq.example\\:61616"), commands);
        assertFalse(commands.contains("BrokerXmlConfig"), commands);
    }

    @Test
    void asadminMultimodeGetsOneMoreLevelOfBackslashes() {
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.external("tcp://mq.example:61616", "u", "p"),
                Path.of("activemq-rar.rar"),
                ServerResources.Reader.ASADMIN_MULTIMODE);
        assertTrue(commands.contains("ServerUrl=tcp\\\\://mq.example\\\\:61616"), commands);
    }

    @Test
    void settingsComeFromSystemPropertiesBeforeTheEnvironment() {
        assertEquals("QUORUM_DB_EMBEDDED_PORT", Settings.environmentName("quorum.db.embedded-port"));
        System.setProperty("quorum.test.setting", "from-property");
        try {
            assertEquals("from-property", Settings.value("quorum.test.setting", "default"));
        } finally {
            System.clearProperty("quorum.test.setting");
        }
        assertEquals("default", Settings.value("quorum.test.setting", "default"));
    }
}
