package dev.quorum.signin.boundary;

import static dev.quorum.signin.control.SignInPages.noStore;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.control.SessionTokens;
import dev.quorum.identity.control.SignIns;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.signin.control.BrowserSession;
import dev.quorum.signin.control.OidcProvider;
import dev.quorum.signin.control.SignInPages;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;

/**
 * A browser signed in through the identity provider: short-lived session tokens for its REST calls and
 * its connection (asked again before each expires, and refused once the member was deactivated), and
 * signing out, here and at the provider. Both are POSTs with a header of Quorum's, which another site's
 * page cannot send with the session's cookie.
 */
@Path("auth/session")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** The header every call here must carry: a cross-site form or image cannot send it. */
    public static final String MARKER_HEADER = "X-Quorum-Session";

    @Inject
    SessionTokens tokens;

    @Inject
    SignIns signIns;

    @Inject
    OidcProvider provider;

    @Inject
    SignInPages pages;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    public record SessionToken(
            String token, Instant expiresAt, String organization, String member, String displayName) {}

    public record SignedOut(String location) {}

    @POST
    @Path("token")
    public Response token(@HeaderParam(MARKER_HEADER) String marker) {
        requireMarker(marker);
        HttpSession session = request.getSession(false);
        BrowserSession browser = browserOf(session);
        if (browser == null) {
            throw new QuorumException(QuorumError.SESSION_MISSING);
        }
        MemberIdentity member;
        try {
            member = signIns.current(browser.organization(), browser.subject(), browser.providerGroups());
        } catch (QuorumException refused) {
            // deactivated, deleted or suspended since signing in: the browser session ends here
            session.invalidate();
            throw refused;
        }
        String token = tokens.issue(member);
        return Response.ok(new SessionToken(
                        token,
                        Instant.now().plus(tokens.lifetime()),
                        member.organization(),
                        member.subject(),
                        member.displayName()))
                .cacheControl(noStore())
                .build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@HeaderParam(MARKER_HEADER) String marker) {
        requireMarker(marker);
        URI afterwards = pages.signedOut(uriInfo);
        HttpSession session = request.getSession(false);
        BrowserSession browser = browserOf(session);
        if (session != null) {
            session.invalidate();
        }
        URI location = afterwards;
        if (browser != null) {
            signIns.signOut(browser.organization(), browser.subject(), request.getRemoteAddr());
            location = provider.signOutLocation(browser.idToken(), afterwards).orElse(afterwards);
        }
        return Response.ok(new SignedOut(location.toString()))
                .cacheControl(noStore())
                .build();
    }

    /** The signed-in browser of this HTTP session, if any. */
    private static BrowserSession browserOf(HttpSession session) {
        return session == null ? null : (BrowserSession) session.getAttribute(SignInPages.BROWSER_SESSION);
    }

    private static void requireMarker(String marker) {
        if (marker == null) {
            throw new QuorumException(
                    QuorumError.INVALID_REQUEST, "Send the header '" + MARKER_HEADER + "' with this request.");
        }
    }
}
