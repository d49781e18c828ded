package dev.quorum.connection.control;

import dev.quorum.platform.control.LogThrottle;
import dev.quorum.platform.control.QuorumError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Answers a refused request with Quorum's JSON error body; refused handshakes are also logged and counted. */
@ApplicationScoped
public class HandshakeRefusals {

    /** One line per reason every 10 s, however many handshakes an attacker or a broken client makes. */
    private static final LogThrottle LOG = new LogThrottle(Logger.getLogger(HandshakeRefusals.class.getName()), 10_000);

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ConnectionMetrics metrics;

    public void refuseHandshake(HttpServletRequest request, HttpServletResponse response, QuorumError error)
            throws IOException {
        metrics.handshakeRefused(error);
        // the address and the reason, never the credential
        LOG.log(
                Level.WARNING,
                error.code(),
                String.format("Refused WebSocket handshake from %s: %s", request.getRemoteAddr(), error.code()),
                null);
        write(response, error);
    }

    public static void write(HttpServletResponse response, QuorumError error) throws IOException {
        response.setStatus(error.httpStatus());
        if (error.httpStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"quorum\"");
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(JSON.createObjectBuilder()
                        .add("code", error.code())
                        .add("message", error.message())
                        .build()
                        .toString());
    }
}
