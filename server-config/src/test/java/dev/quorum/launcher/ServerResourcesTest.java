package dev.quorum.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    void refusesWhiteSpaceWhichWouldSplitTheCommand() {
        assertThrows(IllegalArgumentException.class, () -> ServerResources.escape("two words"));
    }

    @Test
    void theEmbeddedBrokerListensOnLoopbackWithAPersistentStore() {
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.embedded(61616, Path.of("/data/broker"), "quorum", "pw"),
                Path.of("/dist/activemq-rar.rar"));
        assertTrue(
                commands.contains("BrokerXmlConfig=broker\\:(tcp\\://127.0.0.1\\:61616)?persistent\\=true"), commands);
        assertTrue(commands.contains("dataDirectory\\=/data/broker"), commands);
        assertTrue(commands.contains("deploy --type rar --name activemq-rar /dist/activemq-rar.rar"), commands);
        assertTrue(commands.contains("password=s3cret\\=1"), commands);
        assertFalse(commands.matches("(?s).*@[a-z]+\\.[a-z.]+@.*"), "every placeholder is filled: " + commands);
    }

    @Test
    void theReadinessGateIsDeployedBeforeTheAdapter() {
        String commands = ServerResources.render(
                DATABASE,
                ServerResources.Broker.embedded(61616, Path.of("/data/broker"), "quorum", "pw"),
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
