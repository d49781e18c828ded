package dev.quorum.signin.boundary;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.identity.control.SignIns;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.signin.control.BrowserSession;
import dev.quorum.signin.control.ClaimMapping;
import dev.quorum.signin.control.OidcProvider;
import dev.quorum.signin.control.OidcSettings;
import dev.quorum.signin.control.PendingSignIn;
import dev.quorum.signin.control.PendingSignIns;
import dev.quorum.signin.control.ReturnPath;
import dev.quorum.signin.control.SignInPages;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Browser navigations of the OpenID Connect sign-in: {@code sign-in} sends the browser to the provider,
 * {@code callback} is where the provider sends it back with a code. Both answer with a redirect, to the
 * provider or to Quorum's sign-in page (with an error code on a refusal), never with a page of their own.
 */
@Path("auth/oidc")
@RequestScoped
@PermitAll
public class OidcResource {

    private static final Logger LOG = Logger.getLogger(OidcResource.class.getName());

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    SignIns signIns;

    @Inject
    SignInPages pages;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("sign-in")
    public Response signIn(@QueryParam("next") String next) {
        try {
            if (!settings.enabled()) {
                throw new QuorumException(QuorumError.SIGN_IN_NOT_CONFIGURED);
            }
            OidcProvider.Start start =
                    provider.start(pages.callback(uriInfo), ReturnPath.of(next, request.getContextPath()));
            PendingSignIns.add(request.getSession(true), start.pending());
            return SignInPages.redirect(start.location());
        } catch (QuorumException refused) {
            return SignInPages.redirect(pages.refused(uriInfo, refused.error()));
        }
    }

    @GET
    @Path("callback")
    public Response callback(
            @QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error) {
        HttpSession session = request.getSession(false);
        Optional<PendingSignIn> pending =
                session == null ? Optional.empty() : PendingSignIns.take(session, state, Instant.now());
        try {
            if (pending.isEmpty()) {
                LOG.log(Level.INFO, "A sign-in callback came back with an unknown or expired state");
                throw new QuorumException(QuorumError.SIGN_IN_FAILED);
            }
            if (error != null || code == null || code.isBlank() || code.length() > 4096) {
                LOG.log(
                        Level.INFO,
                        "The identity provider ended a sign-in without a code: {0}",
                        SignInPages.printable(error));
                throw new QuorumException(QuorumError.SIGN_IN_FAILED);
            }
            OidcProvider.Completed completed = provider.complete(pending.get(), code, pages.callback(uriInfo));
            var who = completed.identity();
            MemberIdentity member = signInOrAudit(who, request.getRemoteAddr());
            // a new session id once signed in: an id planted before the sign-in is worth nothing after it
            request.changeSessionId();
            session.setAttribute(
                    SignInPages.BROWSER_SESSION,
                    new BrowserSession(
                            member.organization(), member.subject(), who.groups(), completed.idToken(), Instant.now()));
            LOG.log(Level.INFO, "{0} signed in through the identity provider", member.logName());
            return SignInPages.redirect(pages.signedIn(uriInfo, pending.get().next()));
        } catch (QuorumException refused) {
            LOG.log(Level.INFO, "A sign-in through the identity provider was refused: {0}", refused.error());
            return SignInPages.redirect(pages.refused(uriInfo, refused.error()));
        }
    }

    /** Signs in whom the provider vouched for; a refusal of Quorum's is audited before it is answered. */
    private MemberIdentity signInOrAudit(ClaimMapping.ProviderIdentity who, String source) {
        try {
            return signIns.signIn(who.organization(), who.subject(), who.groups(), source);
        } catch (QuorumException refused) {
            try {
                signIns.refused(who.organization(), who.subject(), refused.error(), source);
            } catch (RuntimeException auditFailed) {
                LOG.log(Level.WARNING, "A refused sign-in could not be audited: {0}", auditFailed.toString());
            }
            throw refused;
        }
    }
}
