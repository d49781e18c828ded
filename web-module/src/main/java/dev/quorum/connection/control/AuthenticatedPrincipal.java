package dev.quorum.connection.control;

import dev.quorum.delivery.control.ConnectionRegistry.Reservation;
import dev.quorum.identity.control.MemberIdentity;
import java.security.Principal;

/**
 * The principal of an authenticated handshake, whichever credential (token or ticket) it used, and the
 * connection place its handshake reserved (none until then).
 */
public record AuthenticatedPrincipal(
        MemberIdentity identity, String credential, String remoteAddress, Reservation reservation)
        implements Principal {

    public AuthenticatedPrincipal(MemberIdentity identity, String credential, String remoteAddress) {
        this(identity, credential, remoteAddress, null);
    }

    public AuthenticatedPrincipal holding(Reservation place) {
        return new AuthenticatedPrincipal(identity, credential, remoteAddress, place);
    }

    @Override
    public String getName() {
        return identity.logName();
    }
}
