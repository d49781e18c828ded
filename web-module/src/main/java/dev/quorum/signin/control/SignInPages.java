package dev.quorum.signin.control;

import dev.quorum.platform.control.QuorumError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The addresses of the sign-in flow: the provider's callback into Quorum, and Quorum's sign-in page. */
@ApplicationScoped
public class SignInPages {

    /** The HTTP session's attribute that holds a signed-in browser's {@link BrowserSession}. */
    public static final String BROWSER_SESSION = "quorum.browser-session";

    @Inject
    OidcSettings settings;

    /** The callback registered at the provider: configured, or this application's own address. */
    public URI callback(UriInfo uriInfo) {
        return settings.redirectUri().map(URI::create).orElseGet(() -> uriInfo.getBaseUriBuilder()
                .path("auth/oidc/callback")
                .build());
    }

    /** The sign-in page after a successful sign-in: it fetches the first session token, then goes on. */
    public URI signedIn(UriInfo uriInfo, String next) {
        return page(uriInfo)
                .queryParam("signed-in", "oidc")
                .queryParam("next", next)
                .build();
    }

    public URI refused(UriInfo uriInfo, QuorumError error) {
        return page(uriInfo).queryParam("error", error.name()).build();
    }

    public URI signedOut(UriInfo uriInfo) {
        return page(uriInfo).queryParam("signed-out", "1").build();
    }

    private static UriBuilder page(UriInfo uriInfo) {
        // the REST root is <application>/api/: the pages are beside it
        return UriBuilder.fromUri(uriInfo.getBaseUri().resolve("../sign-in.html"));
    }

    /** A redirect nobody caches (it carries one-time state). */
    public static Response redirect(URI location) {
        return Response.seeOther(location).cacheControl(noStore()).build();
    }

    /** For answers that carry a credential or one-time state. */
    public static CacheControl noStore() {
        CacheControl never = new CacheControl();
        never.setNoStore(true);
        return never;
    }

    /** A provider's error text, fit for a log line. */
    public static String printable(String text) {
        if (text == null) {
            return "none";
        }
        String cut = text.length() > 100 ? text.substring(0, 100) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
