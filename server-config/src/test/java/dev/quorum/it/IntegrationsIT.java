package dev.quorum.it;

import static dev.quorum.it.MeetingSteps.event;
import static dev.quorum.it.MeetingSteps.meetingId;
import static dev.quorum.it.MeetingSteps.roomOf;
import static dev.quorum.it.MeetingSteps.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Integrations over the real broker: credentials issued by an admin and checked by the broker, the Java
 * (OpenWire) and Python (AMQP 1.0) examples sending a transcript segment that appears live in the meeting's
 * room and reading the transcript back by request/reply, notifications into a room, the organization's event
 * topic, and everything an integration may not do: another organization's messages (dead-lettered, audited),
 * queues and topics that are not its own, a wrong or revoked password.
 */
class IntegrationsIT extends QuorumIT {

    static final String FRANK = Tokens.valid("acme", "frank", "member", "admin");
    static final String DAVE = Tokens.valid("acme", "dave", "member", "chair");
    static final String BOB = Tokens.valid("acme", "bob", "member");

    private static final String OPENWIRE = System.getProperty("quorum.it.brokerUrl");
    private static final String AMQP = System.getProperty("quorum.it.amqpUrl");

    private record Credentials(String user, String password) {}

    private Credentials issue(String name) throws Exception {
        HttpResponse<String> issued = call("POST", "admin/integrations", FRANK, "{\"name\":\"" + name + "\"}");
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject body = json(issued.body());
        return new Credentials(body.getJsonObject("integration").getString("username"), body.getString("password"));
    }

    private JsonObject meeting() throws Exception {
        HttpResponse<String> created = post(
                api("meetings"),
                DAVE,
                "{\"kind\":\"board\",\"title\":\"Integrated "
                        + UUID.randomUUID() + "\",\"scheduledAt\":\"" + Instant.now()
                        + "\",\"participants\":[{\"member\":"
                        + "\"alice\"},{\"member\":\"bob\"},{\"member\":\"dave\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        return json(created.body());
    }

    private static Connection connect(Credentials credentials) throws JMSException {
        Connection connection =
                new ActiveMQConnectionFactory(credentials.user(), credentials.password(), OPENWIRE).createConnection();
        connection.start();
        return connection;
    }

    /** Runs an example program; answers what it printed, failing on a non-zero exit. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("example", ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(
                finished && process.exitValue() == 0, () -> String.join(" ", command.subList(0, 2)) + ": " + printed);
        return printed;
    }

    @Test
    void theJavaAndPythonExamplesSendASegmentThatAppearsLiveAndReadTheTranscriptBack() throws Exception {
        Credentials stt = issue("stt-" + System.nanoTime() % 100_000);
        JsonObject state = meeting();
        long meeting = meetingId(state);
        try (QuorumClient bob = attendee(BOB, roomOf(state))) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String printed = run(List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "../docs/examples/java/QuorumIntegration.java",
                    OPENWIRE,
                    stt.user(),
                    stt.password(),
                    String.valueOf(meeting),
                    "The board approved the budget for the new plant."));
            assertTrue(printed.contains("\"ok\":true") && printed.contains("the new plant"), printed);
            JsonObject segment = event(
                            bob, "transcript", data -> data.getString("text").contains("new plant"))
                    .getJsonObject("data");
            assertEquals("integration", segment.getString("source"));
            assertEquals(stt.user().substring(stt.user().indexOf('.') + 1), segment.getString("integration"));
            event(bob, "analysis.insight", data -> "decision".equals(data.getString("kind")));

            printed = run(List.of(
                    "/usr/bin/python3",
                    "../docs/examples/python/quorum_integration.py",
                    AMQP,
                    stt.user(),
                    stt.password(),
                    String.valueOf(meeting),
                    "Risks of the plant were discussed at length."));
            assertTrue(printed.contains("\"ok\":true") && printed.contains("at length"), printed);
            event(bob, "transcript", data -> data.getString("text").contains("at length"));
        }
    }

    @Test
    void anIntegrationIsHeldToItsOrganizationAndItsOwnDestinations() throws Exception {
        Credentials relay = issue("relay-" + System.nanoTime() % 100_000);
        JsonObject state = meeting();
        long meeting = meetingId(state);
        long room = roomOf(state);
        try (Connection connection = connect(relay);
                QuorumClient bob = attendee(BOB, room)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // its organization's events arrive on its topic
            MessageConsumer events = session.createConsumer(session.createTopic("quorum.events.acme"));
            // a notification into a room of its organization
            session.createProducer(session.createQueue("quorum.inbound.notification"))
                    .send(session.createTextMessage("{\"schema\":1,\"id\":\"n-1\",\"room\":" + room
                            + ",\"title\":\"Filing\",\"text\":\"The annual "
                            + "report was filed with the registry.\",\"priority\":\"high\"}"));
            JsonObject notification = event(bob, "integration.notification", data -> true);
            assertEquals("high", notification.getString("priority"));
            assertEquals(
                    "The annual report was filed with the registry.",
                    notification.getJsonObject("data").getString("text"));

            // a motion closed in the meeting: its totals reach the topic, no one's choice
            HttpResponse<String> scheduled = post(
                    api("meetings"),
                    DAVE,
                    "{\"kind\":\"board\",\"title\":\"Event "
                            + UUID.randomUUID() + "\",\"scheduledAt\":\"" + Instant.now()
                            + "\",\"participants\":[{\"member\":"
                            + "\"dave\"}]}");
            assertEquals(201, scheduled.statusCode());
            TextMessage event = (TextMessage) events.receive(15_000);
            assertNotNull(event, "the meeting's creation reached the organization's topic");
            JsonObject published = json(event.getText());
            assertEquals(1, published.getInt("schema"));
            assertEquals("meeting.create", published.getString("type"));
            assertTrue(event.getLongProperty("sequence") > 0, "events carry their order");

            // what it may not do
            assertThrows(
                    JMSSecurityException.class, () -> session.createConsumer(session.createQueue("quorum.analysis")));
            assertThrows(
                    JMSSecurityException.class,
                    () -> session.createConsumer(session.createTopic("quorum.events.globex")));
            assertThrows(JMSException.class, () -> session.createProducer(session.createQueue("quorum.analysis"))
                    .send(session.createTextMessage("{}")));

            // a segment for another organization: refused to the dead-letter queue with the reason, audited
            String marker = "foreign-" + UUID.randomUUID();
            MessageProducer transcripts = session.createProducer(session.createQueue("quorum.inbound.transcript"));
            transcripts.send(session.createTextMessage("{\"schema\":1,\"organization\":\"globex\",\"meeting\":"
                    + meeting + ",\"id\":\"" + marker + "\",\"text\":\"" + marker + "\"}"));
            String cause = deadLetterCause(marker);
            assertTrue(cause.contains("may only send for organization 'acme', not 'globex'"), cause);
            assertEquals(
                    0L,
                    ((Number) sql("SELECT count(*) FROM transcript_segment WHERE client_id = ?", marker)).longValue());
            assertTrue(
                    ((Number) sql(
                                            "SELECT count(*) FROM audit_event WHERE action = 'integration.message.refused' "
                                                    + "AND target = ?",
                                            "integration:" + relay.user()))
                                    .longValue()
                            >= 1,
                    "audited");
        }

        // a wrong password, then the revoked integration, are refused by the broker
        assertThrows(JMSSecurityException.class, () -> connect(new Credentials(relay.user(), "wrong"))
                .close());
        String name = relay.user().substring(relay.user().indexOf('.') + 1);
        assertEquals(
                200, call("DELETE", "admin/integrations/" + name, FRANK, null).statusCode());
        Thread.sleep(5_500); // the broker keeps an answer for 5 s
        assertThrows(JMSSecurityException.class, () -> connect(relay).close());
    }

    /** The reason the broker gave for dead-lettering the message whose body contains the marker. */
    private static String deadLetterCause(String marker) throws Exception {
        try (Connection quorum = new ActiveMQConnectionFactory("quorum", "quorum", OPENWIRE).createConnection()) {
            quorum.start();
            Session session = quorum.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Instant until = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(until)) {
                QueueBrowser browser = session.createBrowser(session.createQueue("ActiveMQ.DLQ"));
                java.util.Enumeration<?> browsed = browser.getEnumeration();
                List<String> causes = new ArrayList<>();
                while (browsed.hasMoreElements()) {
                    if (browsed.nextElement() instanceof TextMessage text
                            && text.getText().contains(marker)) {
                        causes.add(String.valueOf(text.getStringProperty("dlqDeliveryFailureCause")));
                    }
                }
                browser.close();
                if (!causes.isEmpty()) {
                    return causes.get(0);
                }
                Thread.sleep(500);
            }
            throw new AssertionError("not dead-lettered: " + marker);
        }
    }
}
