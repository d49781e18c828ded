package dev.quorum.connection.control;

import dev.quorum.identity.control.MemberIdentity;
import java.security.Principal;

/** The principal of an authenticated handshake, whichever credential (token or ticket) it used. */
public record AuthenticatedPrincipal(MemberIdentity identity, String credential, String remoteAddress)
        implements Principal {

    @Override
    public String getName() {
        return identity.logName();
    }
}
