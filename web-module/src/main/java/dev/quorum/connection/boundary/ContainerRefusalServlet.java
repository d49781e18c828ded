package dev.quorum.connection.boundary;

import dev.quorum.connection.control.HandshakeRefusals;
import dev.quorum.platform.control.QuorumError;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for 401 and 403 answers the container gives by itself (MicroProfile JWT refusing a bad
 * token, a role check failing). It gives them Quorum's JSON error body and, for handshakes, logs and
 * counts them like the refusals of {@link HandshakeFilter}.
 */
@WebServlet("/errors/refused")
public class ContainerRefusalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HandshakeRefusals refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean forbidden = status instanceof Integer code && code == HttpServletResponse.SC_FORBIDDEN;
        QuorumError error = forbidden
                ? QuorumError.FORBIDDEN
                : request.getHeader("Authorization") == null
                        ? QuorumError.CREDENTIAL_MISSING
                        : QuorumError.TOKEN_INVALID;
        if (uri instanceof String path && path.endsWith(ConnectionEndpoint.PATH)) {
            refusals.refuseHandshake(request, response, error);
        } else {
            HandshakeRefusals.write(response, error);
        }
    }
}
