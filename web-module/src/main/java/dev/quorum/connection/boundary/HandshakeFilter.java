package dev.quorum.connection.boundary;

import dev.quorum.connection.control.AuthenticatedPrincipal;
import dev.quorum.connection.control.HandshakeRefusals;
import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.identity.control.ConnectionTickets;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.limits.control.Limits;
import dev.quorum.platform.control.DatabaseOutage;
import dev.quorum.platform.control.Failures;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Authenticates every WebSocket handshake before the container upgrades it, so that a bad credential
 * gets a plain HTTP 401 (or 403) and never an open socket. Exactly one of two credentials is accepted: a
 * bearer token (already verified by MicroProfile JWT) or a single-use ticket in the query string, for
 * browsers.
 */
@WebFilter(urlPatterns = ConnectionEndpoint.PATH, asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    // @EJB, not @Inject, on this hot path: through Weld's proxy every call makes Payara throw and catch an
    // IllegalArgumentException ("not a proxy instance"), a full stack trace each time
    @EJB
    transient MemberDirectory directory;

    @Inject
    transient ConnectionTickets tickets;

    @Inject
    transient HandshakeRefusals refusals;

    @Inject
    transient Limits limits;

    @Inject
    transient ConnectionRegistry registry;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuthenticatedPrincipal principal;
        try {
            long wait = limits.handshake(request.getRemoteAddr());
            if (wait > 0) {
                throw new QuorumException(
                        QuorumError.HANDSHAKE_RATE_LIMITED, QuorumError.HANDSHAKE_RATE_LIMITED.message(), wait);
            }
            // every credential is resolved against the database: while it is known to be away, say so at once
            DatabaseOutage.check();
            AuthenticatedPrincipal authenticated = authenticate(request);
            // check and count in one step: concurrent handshakes cannot all pass a count none has raised yet
            principal = authenticated.holding(registry.reserve(
                            authenticated.remoteAddress(),
                            authenticated.identity().memberId(),
                            limits.connectionsPerAddress(),
                            limits.connectionsPerMember(),
                            System.nanoTime())
                    .orElseThrow(() -> new QuorumException(QuorumError.TOO_MANY_CONNECTIONS)));
        } catch (RuntimeException failure) {
            refusals.refuseHandshake(request, response, Failures.answer(failure, false, "a handshake"));
            return;
        }
        boolean upgraded = false;
        try {
            chain.doFilter(new AuthenticatedRequest(request, principal), response);
            upgraded = response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
        } finally {
            if (!upgraded) {
                // no connection will take the reserved place
                registry.release(principal.reservation());
            }
        }
    }

    private AuthenticatedPrincipal authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String ticket = request.getParameter("ticket");
        if (authorization != null && ticket != null) {
            // which member would it be? the ticket stays unused
            throw new QuorumException(QuorumError.TWO_CREDENTIALS);
        }
        if (authorization != null) {
            // MicroProfile JWT has verified signature, issuer, audience and expiry, or left no principal
            if (!(request.getUserPrincipal() instanceof JsonWebToken token)) {
                throw new QuorumException(QuorumError.TOKEN_INVALID);
            }
            MemberIdentity identity = directory.resolve(token);
            return new AuthenticatedPrincipal(identity, "token", request.getRemoteAddr());
        }
        if (ticket != null) {
            return new AuthenticatedPrincipal(tickets.redeem(ticket), "ticket", request.getRemoteAddr());
        }
        throw new QuorumException(QuorumError.CREDENTIAL_MISSING);
    }

    /** Hands the resolved member to the WebSocket container as the request's principal. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final AuthenticatedPrincipal principal;

        AuthenticatedRequest(HttpServletRequest request, AuthenticatedPrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal.identity().hasRole(role);
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }
    }
}
