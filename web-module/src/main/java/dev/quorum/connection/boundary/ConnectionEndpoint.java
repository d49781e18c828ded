package dev.quorum.connection.boundary;

import dev.quorum.connection.control.AuthenticatedPrincipal;
import dev.quorum.connection.control.CommandTable;
import dev.quorum.connection.control.CommandTable.Inbound;
import dev.quorum.connection.control.ConnectionMetrics;
import dev.quorum.connection.control.ConnectionServices;
import dev.quorum.connection.control.FrameAssembler;
import dev.quorum.connection.control.FrameAssembler.Complete;
import dev.quorum.connection.control.FrameAssembler.Oversized;
import dev.quorum.connection.control.InboundEnvelope;
import dev.quorum.delivery.control.CloseCodes;
import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.OutboundMessages;
import dev.quorum.delivery.control.OutboundMessages.Envelope;
import dev.quorum.delivery.control.OutboundMessages.Welcome;
import dev.quorum.delivery.control.ReplayExecutor;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.limits.control.Limits;
import dev.quorum.limits.control.RateLimitCompliance;
import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.Failures;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.presence.control.PresenceTracker;
import dev.quorum.routing.control.MessageLog;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one WebSocket endpoint, {@code /ws}. The handshake was authenticated by {@link HandshakeFilter};
 * this class only decodes frames, hands them on and encodes the answers. One instance per connection.
 */
@ServerEndpoint(value = ConnectionEndpoint.PATH, configurator = ConnectionEndpoint.Instances.class)
public class ConnectionEndpoint {

    public static final String PATH = "/ws";

    private static final Logger LOG = Logger.getLogger(ConnectionEndpoint.class.getName());

    /**
     * Makes each connection's instance with the shared {@link ConnectionServices}, looked up once: the
     * container's own CDI instances are built under one global lock, which held a join storm up.
     */
    public static class Instances extends ServerEndpointConfig.Configurator {

        private volatile ConnectionServices services;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            ConnectionServices shared = services;
            if (shared == null) {
                shared = CDI.current().select(ConnectionServices.class).get();
                services = shared;
            }
            return endpointClass.cast(new ConnectionEndpoint(shared));
        }
    }

    private final ConnectionRegistry registry;
    private final ConnectionMetrics metrics;
    private final CommandTable commands;
    private final Limits limits;
    private final PresenceTracker presence;
    private final MessageLog log;
    private final RoutingMetrics routingMetrics;
    private final ReplayExecutor replays;
    private final int queueCapacity;
    private final int maxFrameBytes;

    ConnectionEndpoint(ConnectionServices services) {
        this.registry = services.registry();
        this.metrics = services.metrics();
        this.commands = services.commands();
        this.limits = services.limits();
        this.presence = services.presence();
        this.log = services.log();
        this.routingMetrics = services.routingMetrics();
        this.replays = services.replays();
        this.queueCapacity = services.queueCapacity();
        this.maxFrameBytes = services.maxFrameBytes();
    }

    private FrameAssembler assembler;
    private MemberIdentity identity;
    private LiveConnection connection;
    private RateLimitCompliance rateLimits;
    private String remoteAddress;

    @OnOpen
    public void open(Session session) {
        if (!(session.getUserPrincipal() instanceof AuthenticatedPrincipal principal)) {
            // unreachable while HandshakeFilter guards the path; never serve an anonymous socket
            close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "unauthenticated");
            return;
        }
        identity = principal.identity();
        remoteAddress = principal.remoteAddress();
        assembler = new FrameAssembler(maxFrameBytes);
        rateLimits = new RateLimitCompliance(limits.abuseRefusalsPerMinute(), System.nanoTime());
        connection = new LiveConnection(session, identity, queueCapacity, log::range, routingMetrics, replays);
        registry.add(connection, principal.reservation());
        metrics.connectionOpened(principal.credential());
        // FINE: a reconnect storm after an outage would otherwise write a line per connection, and the
        // connection metrics already count them
        LOG.fine(() -> String.format(
                "Connected session=%s member=%s organization=%s via=%s",
                session.getId(), identity.subject(), identity.organization(), principal.credential()));
        send(new Envelope("welcome", null, Welcome.of(session.getId(), identity, maxFrameBytes)));
    }

    @OnMessage
    public void text(Session session, String part, boolean last) {
        if (connection == null) {
            return; // refused at open: the socket is closing, nothing it sends is read
        }
        long receivedNanos = System.nanoTime();
        if (connection.received()) {
            return; // a close was requested: it is done now, on this thread
        }
        FrameAssembler.Result result = assembler.accept(part, last);
        if (result instanceof Oversized oversized) {
            refuse(
                    null,
                    QuorumError.FRAME_TOO_LARGE,
                    String.format("The frame has %d bytes; the limit is %d.", oversized.bytes(), maxFrameBytes));
        } else if (result instanceof Complete complete) {
            handle(session, complete.text(), receivedNanos);
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (connection != null) {
            connection.received(); // carries out a requested close
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer part, boolean last) {
        if (connection == null) {
            return;
        }
        if (connection.received()) {
            return; // a close was requested: it is done now, on this thread
        }
        if (last) {
            refuse(null, QuorumError.BINARY_NOT_SUPPORTED, QuorumError.BINARY_NOT_SUPPORTED.message());
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connection != null) {
            presence.disconnected(connection);
            registry.remove(connection);
        }
        if (identity != null) {
            LOG.fine(() -> String.format(
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

    private void handle(Session session, String text, long receivedNanos) {
        InboundEnvelope envelope;
        try {
            envelope = InboundEnvelope.parse(text);
        } catch (QuorumException e) {
            refuse(null, e);
            return;
        }
        try {
            if (commands.needsDatabase(envelope.type())) {
                DatabaseOutage.check();
            }
            commands.dispatch(
                    new Inbound(
                            connection,
                            envelope.id(),
                            receivedNanos,
                            remoteAddress,
                            failure -> refuse(envelope.id(), envelope.type(), failure)),
                    envelope);
        } catch (RuntimeException e) {
            refuse(envelope.id(), envelope.type(), e);
        }
    }

    /**
     * A refusal, as it was thrown or completed later; anything else is a refusal the container wrapped, the
     * database gone (unavailable, or outcome unknown), or a bug.
     */
    private void refuse(String replyTo, String type, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        refuse(
                replyTo,
                cause instanceof QuorumException refusal
                        ? refusal
                        : Failures.answer(cause, true, "a '" + type + "' frame"));
    }

    private void refuse(String replyTo, QuorumException refusal) {
        metrics.frameRefused(refusal.error());
        send(new Envelope("error", replyTo, OutboundMessages.Error.of(refusal)));
        // a client that keeps publishing before the retryAfter it was given is disconnected; one that
        // waits as told is never punished, however often it is refused
        if (refusal.error() == QuorumError.RATE_LIMITED && rateLimits.ignored(refusal, System.nanoTime())) {
            LOG.info(() -> String.format(
                    "Closing session=%s member=%s: repeated rate-limit violations",
                    connection.id(), identity.logName()));
            connection.close(CloseCodes.RATE_LIMIT_ABUSE.reason());
        }
    }

    private void refuse(String replyTo, QuorumError error, String message) {
        metrics.frameRefused(error);
        send(new Envelope("error", replyTo, OutboundMessages.Error.of(error, message)));
    }

    private void send(Envelope envelope) {
        connection.sendControl(OutboundMessages.encode(envelope));
    }

    private static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Close failed on session " + session.getId(), e);
        }
    }
}
