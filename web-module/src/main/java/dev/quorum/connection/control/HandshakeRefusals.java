package dev.quorum.connection.control;

import dev.quorum.platform.control.ErrorResponses;
import dev.quorum.platform.control.LogThrottle;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers a refused handshake with Quorum's JSON error body, and logs (throttled) and counts it. */
@ApplicationScoped
public class HandshakeRefusals {

    /** One line per reason every 10 s, however many handshakes an attacker or a broken client makes. */
    private static final LogThrottle LOG = new LogThrottle(Logger.getLogger(HandshakeRefusals.class.getName()), 10_000);

    @Inject
    ConnectionMetrics metrics;

    public void refuseHandshake(HttpServletRequest request, HttpServletResponse response, QuorumException refusal)
            throws IOException {
        QuorumError error = refusal.error();
        metrics.handshakeRefused(error);
        // the address and the reason, never the credential
        LOG.log(
                Level.WARNING,
                error.code(),
                String.format("Refused WebSocket handshake from %s: %s", request.getRemoteAddr(), error.code()),
                null);
        ErrorResponses.write(response, refusal);
    }
}
