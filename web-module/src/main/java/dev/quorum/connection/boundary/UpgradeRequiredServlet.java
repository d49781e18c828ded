package dev.quorum.connection.boundary;

import dev.quorum.platform.control.ErrorResponses;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What {@code /ws} answers an authenticated request that is not a WebSocket handshake (an address bar, a
 * probe pointed at the wrong path): 426 with Quorum's JSON error and the protocol to upgrade to, where the
 * container answered 404 as if nothing were there. The exact mapping also spares every handshake the
 * container's search of the application's files and jars for a resource named {@code ws}, and the
 * exception that search ended in (issue 16). A real handshake never gets here: the container's WebSocket
 * filter upgrades it first.
 */
@WebServlet(ConnectionEndpoint.PATH)
public class UpgradeRequiredServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        ErrorResponses.write(response, new QuorumException(QuorumError.UPGRADE_REQUIRED));
    }
}
