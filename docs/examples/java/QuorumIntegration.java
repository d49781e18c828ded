// An integration in Java over OpenWire (org.apache.activemq:activemq-client): sends a transcript segment for a
// meeting, then reads the meeting's transcript back by request/reply, and prints the answer.
//
//   java -cp activemq-client-6.1.8.jar:<its dependencies> QuorumIntegration.java \
//        tcp://127.0.0.1:61616 acme.stt <password> <meeting id> "What the speaker said."
//
// The user and password are the integration's, issued by an admin (POST /api/admin/integrations).

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.util.UUID;
import org.apache.activemq.ActiveMQConnectionFactory;

public class QuorumIntegration {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2], meeting = args[3], said = args[4];
        try (Connection connection = new ActiveMQConnectionFactory(user, password, url).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);

            // a segment of the external speech-to-text system; its id makes a resend harmless
            MessageProducer transcripts = session.createProducer(session.createQueue("quorum.inbound.transcript"));
            transcripts.send(session.createTextMessage("{\"schema\":1,\"meeting\":" + meeting + ",\"id\":\""
                    + UUID.randomUUID() + "\",\"text\":\"" + said.replace("\"", "\\\"") + "\",\"language\":\"en\","
                    + "\"confidence\":0.9}"));

            // request/reply: the meeting's transcript, answered on a temporary queue
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer answers = session.createConsumer(replies);
            MessageProducer requests = session.createProducer(session.createQueue("quorum.requests"));
            String correlation = UUID.randomUUID().toString();
            for (int attempt = 0; attempt < 20; attempt++) {
                TextMessage request = session.createTextMessage(
                        "{\"schema\":1,\"type\":\"meeting.transcript\",\"meeting\":" + meeting + "}");
                request.setJMSReplyTo(replies);
                request.setJMSCorrelationID(correlation);
                requests.send(request);
                TextMessage answer = (TextMessage) answers.receive(10_000);
                if (answer == null) {
                    throw new IllegalStateException("no answer from Quorum");
                }
                // the segment is stored asynchronously: ask until it is there
                if (answer.getText().contains(said) || !answer.getText().contains("\"ok\":true")) {
                    System.out.println(answer.getText());
                    return;
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the segment did not arrive");
        }
    }
}
