package dev.quorum.platform.boundary;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * REST calls while the database is known to be away are answered 503 {@code UNAVAILABLE} with Retry-After
 * at once, instead of each waiting for a connection; a call answered without a server failure ends the
 * fail-fast. Only the client configuration is served from memory and never refused.
 */
@Provider
public class DatabaseOutageFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (needsDatabase(request)) {
            DatabaseOutage.check();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (needsDatabase(request) && response.getStatus() < 500) {
            DatabaseOutage.passed();
        }
    }

    private static boolean needsDatabase(ContainerRequestContext request) {
        return !request.getUriInfo().getPath().startsWith("client-config");
    }
}
