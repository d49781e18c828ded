package dev.quorum.provisioning.control;

import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What every SCIM request needs: its caller, its base URL, its paging and version headers, its answer. */
public final class ScimExchange {

    public static final String MEDIA_TYPE = "application/scim+json";

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 200;

    private static final Pattern VERSION = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private ScimExchange() {}

    /** The identity provider behind the request; a bearer JWT never is one, whatever its groups say. */
    public static Provisioner provisioner(SecurityContext security) {
        Principal caller = security.getUserPrincipal();
        if (caller instanceof ProvisionerPrincipal principal) {
            return principal.provisioner();
        }
        throw new QuorumException(
                QuorumError.FORBIDDEN, "The SCIM API takes a provisioning token, not a member's token.");
    }

    /** Where the SCIM resources live, for {@code meta.location} and {@code $ref}. */
    public static String base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("scim/v2").build().toString();
    }

    /**
     * The version an {@code If-Match} header requires, or null when it requires none ({@code *} or no header).
     * A tag this server never wrote matches no version.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(ifMatch);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1L;
    }

    /** RFC 7644 §3.4.2.4: a start index below 1 is read as 1. */
    public static int startIndex(Integer startIndex) {
        return startIndex == null || startIndex < 1 ? 1 : startIndex;
    }

    /** At most {@value #MAX_COUNT} a page; a negative count is read as 0 (only the total is answered). */
    public static int count(Integer count) {
        if (count == null) {
            return DEFAULT_COUNT;
        }
        return Math.max(0, Math.min(count, MAX_COUNT));
    }

    /** False when {@code excludedAttributes} names {@code members}, as Entra ID asks when it only looks a group up. */
    public static boolean withMembers(String excludedAttributes) {
        if (excludedAttributes == null) {
            return true;
        }
        for (String attribute : excludedAttributes.split(",")) {
            if (attribute.strip().equalsIgnoreCase("members")) {
                return false;
            }
        }
        return true;
    }

    public static Response ok(ScimResource resource) {
        return Response.ok(resource.json().toString(), MEDIA_TYPE)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(resource.version()), true))
                .build();
    }

    /** The resource, or 304 when the client's {@code If-None-Match} names its version. */
    public static Response okUnlessUnchanged(ScimResource resource, String ifNoneMatch) {
        Long known = expectedVersion(ifNoneMatch);
        if (known != null && known == resource.version()) {
            return Response.notModified(new jakarta.ws.rs.core.EntityTag(String.valueOf(resource.version()), true))
                    .build();
        }
        return ok(resource);
    }

    public static Response created(ScimResource resource) {
        return Response.created(URI.create(resource.json().getJsonObject("meta").getString("location")))
                .entity(resource.json().toString())
                .type(MEDIA_TYPE)
                .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(resource.version()), true))
                .build();
    }

    public static Response ok(JsonObject body) {
        return Response.ok(body.toString(), MEDIA_TYPE).build();
    }
}
