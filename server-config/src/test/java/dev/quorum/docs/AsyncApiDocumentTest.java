package dev.quorum.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0.0 document (against the specification's JSON schema, from
 * {@code @asyncapi/specs} 6.11.1, Apache-2.0), lists every client message the server routes, and names the JMS
 * destinations the code uses.
 */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");

    private static JsonNode document() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void isAValidAsyncApi3Document() throws Exception {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi-3.0.0.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(document());
        assertTrue(errors.isEmpty(), () -> "docs/asyncapi.yaml: " + errors);
    }

    @Test
    void listsEveryClientMessageTheServerRoutes() throws Exception {
        String table = Files.readString(
                Path.of("../web-module/src/main/java/dev/quorum/connection/control/CommandTable.java"));
        Set<String> routed = new TreeSet<>();
        Matcher route = Pattern.compile("route\\(\\s*\"([a-z.]+)\"").matcher(table);
        while (route.find()) {
            routed.add(route.group(1));
        }
        assertTrue(routed.size() > 20, routed::toString);
        Set<String> documented = new TreeSet<>();
        JsonNode sent = document().at("/operations/sendClientFrames/messages");
        for (JsonNode reference : sent) {
            String key = reference.get("$ref").asText().replaceAll(".*/", "");
            documented.add(
                    document().at("/components/messages/" + key + "/name").asText());
        }
        assertEquals(routed, documented, "client messages routed (left) and documented (right)");
    }

    @Test
    void namesTheJmsDestinations() throws Exception {
        Set<String> addresses = new TreeSet<>();
        document()
                .get("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));
        assertTrue(
                addresses.containsAll(Set.of(
                        "quorum.inbound.transcript",
                        "quorum.inbound.notification",
                        "quorum.requests",
                        "quorum.events.{organization}",
                        "ActiveMQ.DLQ")),
                addresses::toString);
    }
}
