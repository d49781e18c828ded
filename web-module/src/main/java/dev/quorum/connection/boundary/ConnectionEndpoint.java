package dev.quorum.connection.boundary;

import dev.quorum.connection.boundary.FrameAssembler.Complete;
import dev.quorum.connection.boundary.FrameAssembler.Oversized;
import dev.quorum.connection.boundary.OutboundMessages.Envelope;
import dev.quorum.connection.boundary.OutboundMessages.Pong;
import dev.quorum.connection.boundary.OutboundMessages.Welcome;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one WebSocket endpoint, {@code /ws}. The handshake was authenticated by {@link HandshakeFilter};
 * this class only decodes frames, hands them on and encodes the answers. One instance per connection.
 */
@ServerEndpoint(ConnectionEndpoint.PATH)
public class ConnectionEndpoint {

    public static final String PATH = "/ws";

    private static final Logger LOG = Logger.getLogger(ConnectionEndpoint.class.getName());
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    ConnectionRegistry registry;

    @Inject
    ConnectionMetrics metrics;

    @Inject
    @ConfigProperty(name = "quorum.protocol.max-frame-bytes", defaultValue = "65536")
    int maxFrameBytes;

    private FrameAssembler assembler;
    private MemberIdentity identity;

    @OnOpen
    public void open(Session session) {
        if (!(session.getUserPrincipal() instanceof AuthenticatedPrincipal principal)) {
            // unreachable while HandshakeFilter guards the path; never serve an anonymous socket
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unauthenticated");
            return;
        }
        identity = principal.identity();
        assembler = new FrameAssembler(maxFrameBytes);
        registry.add(session, identity);
        metrics.connectionOpened(principal.credential());
        LOG.info(() -> String.format(
                "Connected session=%s member=%s organization=%s via=%s",
                session.getId(), identity.subject(), identity.organization(), principal.credential()));
        send(session, new Envelope("welcome", null, Welcome.of(session.getId(), identity, maxFrameBytes)));
    }

    @OnMessage
    public void text(Session session, String part, boolean last) {
        FrameAssembler.Result result = assembler.accept(part, last);
        if (result instanceof Oversized oversized) {
            refuse(
                    session,
                    null,
                    QuorumError.FRAME_TOO_LARGE,
                    String.format("The frame has %d bytes; the limit is %d.", oversized.bytes(), maxFrameBytes));
        } else if (result instanceof Complete complete) {
            handle(session, complete.text());
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer part, boolean last) {
        if (last) {
            refuse(session, null, QuorumError.BINARY_NOT_SUPPORTED, QuorumError.BINARY_NOT_SUPPORTED.message());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        registry.remove(session);
        if (identity != null) {
            LOG.info(() -> String.format(
                    "Disconnected session=%s member=%s organization=%s code=%d",
                    session.getId(),
                    identity.subject(),
                    identity.organization(),
                    reason.getCloseCode().getCode()));
        }
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.WARNING, "WebSocket failure on session " + session.getId(), failure);
    }

    private void handle(Session session, String text) {
        InboundEnvelope envelope;
        try {
            envelope = InboundEnvelope.parse(text);
        } catch (QuorumException e) {
            refuse(session, null, e.error(), e.getMessage());
            return;
        }
        try {
            switch (envelope.type()) {
                case "ping" -> send(session, new Envelope("pong", envelope.id(), new Pong(Instant.now())));
                default ->
                    throw new QuorumException(
                            QuorumError.UNKNOWN_TYPE, "Unknown message type '" + envelope.type() + "'.");
            }
        } catch (QuorumException e) {
            refuse(session, envelope.id(), e.error(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Handling a '" + envelope.type() + "' frame failed on session " + session.getId(), e);
            refuse(session, envelope.id(), QuorumError.INTERNAL_ERROR, QuorumError.INTERNAL_ERROR.message());
        }
    }

    private void refuse(Session session, String replyTo, QuorumError error, String message) {
        metrics.frameRefused(error);
        send(session, new Envelope("error", replyTo, OutboundMessages.Error.of(error, message)));
    }

    private void send(Session session, Envelope envelope) {
        String json = JSONB.toJson(envelope);
        // the basic remote allows one send at a time per session
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(json);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "Send failed on session " + session.getId(), e);
            }
        }
    }

    private static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Close failed on session " + session.getId(), e);
        }
    }
}
