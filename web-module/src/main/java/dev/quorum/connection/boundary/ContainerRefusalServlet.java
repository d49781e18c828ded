package dev.quorum.connection.boundary;

import dev.quorum.connection.control.HandshakeRefusals;
import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.ErrorResponses;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for every error the container answers by itself (MicroProfile JWT refusing a bad token,
 * a role check failing, a path nothing serves, a failure outside JAX-RS). It gives them Quorum's JSON
 * error body instead of an HTML page and, for handshakes, logs and counts them like the refusals of
 * {@link HandshakeFilter}.
 */
@WebServlet("/errors/refused")
public class ContainerRefusalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient HandshakeRefusals refusals;

    @Inject
    transient Limits limits;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int code = status instanceof Integer value ? value : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        QuorumError error = code != HttpServletResponse.SC_UNAUTHORIZED
                ? ErrorResponses.forStatus(code)
                : request.getHeader("Authorization") == null
                        ? QuorumError.CREDENTIAL_MISSING
                        : QuorumError.TOKEN_INVALID;
        if (uri instanceof String path && path.endsWith(ConnectionEndpoint.PATH)) {
            // a handshake the container refused counts against the address's budget like any other
            long wait = limits.handshake(request.getRemoteAddr());
            refusals.refuseHandshake(
                    request,
                    response,
                    wait > 0
                            ? new QuorumException(
                                    QuorumError.HANDSHAKE_RATE_LIMITED,
                                    QuorumError.HANDSHAKE_RATE_LIMITED.message(),
                                    wait)
                            : new QuorumException(error));
        } else {
            ErrorResponses.write(response, new QuorumException(error));
        }
    }
}
